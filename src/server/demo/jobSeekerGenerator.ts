/**
 * Synthetic job seekers, generated from a seed so that every demo load is identical.
 * No real person: first and last names are drawn independently from common lists.
 */
export type SyntheticJobSeeker = {
  ftIdentifier: string;
  firstName: string;
  lastName: string;
  birthDate: string;
  communeInsee: string;
  qpv: boolean;
  benefits: string[];
  registeredAt: string;
  email: string;
  phone: string;
};

const FIRST_NAMES = ["Camille", "Léa", "Manon", "Chloé", "Inès", "Sarah", "Emma", "Nadia", "Fatima", "Julie", "Sophie", "Aïcha", "Nathalie", "Sandrine", "Marie", "Lucas", "Hugo", "Thomas", "Nicolas", "Mohamed", "Karim", "Julien", "Maxime", "Kevin", "Yannick", "Théo", "Mehdi", "David", "Patrick", "Christophe"];
const LAST_NAMES = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Legrand", "Haddad", "Benali", "Nguyen", "Schmitt", "Muller", "Meyer", "Weber", "Klein"];

/** mulberry32: small, fast, deterministic. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");
const isoDate = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;

export function generateJobSeekers(opts: {
  seed: number;
  count: number;
  communes: string[];
  /** Most people live in the main town of a territory. */
  mainCommune?: string;
  /** Reference day for ages and registration dates (fixed, so the data do not drift). */
  today: string;
  identifierPrefix: string;
}): SyntheticJobSeeker[] {
  const rnd = seededRandom(opts.seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)];
  const today = new Date(`${opts.today}T00:00:00Z`);
  const people: SyntheticJobSeeker[] = [];
  for (let i = 0; i < opts.count; i++) {
    const firstName = pick(FIRST_NAMES);
    const lastName = pick(LAST_NAMES);
    // Ages 18–64, weighted towards 26–49 as in the job-seeker population.
    const ageRoll = rnd();
    const age = ageRoll < 0.2 ? 18 + Math.floor(rnd() * 8) : ageRoll < 0.8 ? 26 + Math.floor(rnd() * 24) : 50 + Math.floor(rnd() * 15);
    const birth = new Date(today);
    birth.setUTCFullYear(today.getUTCFullYear() - age);
    birth.setUTCDate(birth.getUTCDate() - Math.floor(rnd() * 365));
    const registered = new Date(today);
    registered.setUTCDate(registered.getUTCDate() - Math.floor(rnd() * 900));
    const rsa = rnd() < 0.6;
    const benefits = rsa ? ["RSA"] : [pick(["ARE", "ASS", "ARE", "AUCUNE"])];
    if (rnd() < 0.08) benefits.push("BOE");
    const communeInsee = opts.mainCommune && rnd() < 0.6 ? opts.mainCommune : pick(opts.communes);
    people.push({
      ftIdentifier: `${opts.identifierPrefix}${pad(i + 1, 6)}${String.fromCharCode(65 + Math.floor(rnd() * 26))}`,
      firstName,
      lastName,
      birthDate: isoDate(birth),
      communeInsee,
      qpv: rnd() < 0.2,
      benefits: benefits.filter((b) => b !== "AUCUNE"),
      registeredAt: isoDate(registered),
      email: `${firstName}.${lastName}.${i + 1}@exemple.invalid`
        .normalize("NFD")
        .replace(/[\u0300-\u036f]/g, "")
        .toLowerCase(),
      phone: `06${pad(Math.floor(rnd() * 100000000), 8)}`,
    });
  }
  return people;
}
