import { Button } from "@codegouvfr/react-dsfr/Button";
import { useState } from "react";
import { z } from "zod";
import { api } from "../../../api";
import { OkSchema } from "../../../../shared/contracts/common";
import type { ConventionDetail } from "../../../../shared/contracts/convention";
import { CommandForm, FormSelect, formText } from "../../../components/CommandForm";
import { postCommand } from "./shared";

const NameSchema = z.strictObject({ userId: z.uuid({ error: "Choisissez un conseiller." }) });

/**
 * « Conseillers dédiés » (002 art. 3.1): the advisors named under this convention; a France
 * Travail steering user of the convention names or removes them here (each act audited).
 */
export function DedicatedAdvisors({ data, onDone }: { data: ConventionDetail; onDone: (m: string) => void }) {
  const advisors = data.dedicatedAdvisors;
  const [removing, setRemoving] = useState<string | null>(null);
  if (!advisors) return null;
  return (
    <div className="fr-mt-3w">
      <h3 className="fr-h6">Conseillers dédiés à la convention</h3>
      {advisors.named.length === 0 ? (
        <p>Aucun conseiller n’est encore désigné comme dédié : l’engagement compte les conseillers désignés, pas ceux qui suivent un parcours.</p>
      ) : (
        <ul>
          {advisors.named.map((a) => (
            <li key={a.userId}>
              {a.name}
              {advisors.canName && (
                <Button
                  className="fr-ml-2w"
                  size="small"
                  priority="tertiary"
                  disabled={removing === a.userId}
                  onClick={async () => {
                    setRemoving(a.userId);
                    try {
                      await api.delete(`/api/conventions/${data.id}/dedicated-advisors/${a.userId}`, OkSchema);
                      onDone(`${a.name} n’est plus désigné comme conseiller dédié.`);
                    } finally {
                      setRemoving(null);
                    }
                  }}
                >
                  Retirer
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {advisors.canName && advisors.candidates.length > 0 && (
        <CommandForm
          title="Désigner un conseiller dédié"
          submitLabel="Désigner"
          schema={NameSchema}
          success=""
          body={(d) => ({ userId: formText(d, "userId") })}
          onSubmit={async (body) => {
            await postCommand(`/api/conventions/${data.id}/dedicated-advisors`, OkSchema, body);
            onDone(`${advisors.candidates.find((c) => c.userId === body.userId)?.name ?? "Le conseiller"} est désigné comme conseiller dédié.`);
          }}
        >
          <FormSelect label="Conseiller" name="userId" required placeholder="Choisir un conseiller" options={advisors.candidates.map((c) => ({ value: c.userId, label: c.name }))} />
        </CommandForm>
      )}
    </div>
  );
}
