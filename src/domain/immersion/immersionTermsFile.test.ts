import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ConventionFileSchema } from "../../shared/contracts/conventionFile.js";

const rouen = () => parse(fs.readFileSync("conventions/rouen-2023-partenariat.yaml", "utf8"));

describe("a convention file's immersion terms", () => {
  it("Rouen's file says 000 art. 3.1 b: the City and its CCAS host, the three objects, the assessment 15 days after", () => {
    const file = ConventionFileSchema.parse(rouen());
    expect(file.convention.programmes.immersion).toEqual({
      hosts: ["ville-rouen", "ccas-rouen"],
      objects: ["discover", "confirm_project", "initiate_recruitment"],
      assessmentWithin: { value: 15, unit: "days" },
      source: "000 art. 3.1 b — un seul des trois objets, dans la limite des métiers et compétences exercés au sein de la Ville ; bilan : choix des parties",
    });
  });

  it("refuses a host that is not a party of the convention, on its field", () => {
    const raw = rouen();
    raw.convention.programmes.immersion.hosts = ["ville-rouen", "ville-elbeuf"];
    const result = ConventionFileSchema.safeParse(raw);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["convention.programmes.immersion.hosts.1", "La structure d’accueil « ville-elbeuf » n’est pas une partie de la convention."],
    ]);
  });
});
