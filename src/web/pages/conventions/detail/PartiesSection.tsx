import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Table } from "@codegouvfr/react-dsfr/Table";
import type { ConventionDetail } from "../../../../shared/contracts/convention";
import { frenchDate } from "../format";
import { SignatureForm } from "./SignatureForm";
import { SuccessionForm } from "./SuccessionForm";
import { SIDE_LABELS, Section, type SectionProps, Source } from "./shared";

type Party = ConventionDetail["parties"][number];

/** The parties, who has signed in Tandem, successions, and the signature forms the user is offered. */
export function PartiesSection({ data, terms, onDone }: SectionProps) {
  return (
    <Section id="parties" title="Parties">
      <Table
        headers={["Organisation", "Signature", "Côté", "Partie depuis", "Partie jusqu’au"]}
        data={data.parties.map((p) => [
          p.name,
          <PartySignature key="signature" party={p} />,
          SIDE_LABELS[p.side] ?? p.side,
          p.validFrom ? frenchDate(p.validFrom) : "Origine de la convention",
          p.validTo ? frenchDate(p.validTo) : "—",
        ])}
      />
      {terms.parties
        .filter((p) => p.succession)
        .map((p) => (
          <p key={p.organisation}>
            À partir du {frenchDate(p.succession?.from)}, {p.succession?.name} succède à la partie « {p.organisation} ». <Source text={p.succession?.source} />
          </p>
        ))}
      {data.parties
        .filter((p) => p.canSign)
        .map((p) => (
          <SignatureForm key={p.code} conventionId={data.id} parties={[p]} mode="in_app" onDone={onDone} />
        ))}
      {data.canRecordScannedCopy && (
        <SignatureForm conventionId={data.id} parties={data.parties.filter((p) => p.signatory && !p.signature)} mode="scanned_copy" onDone={onDone} />
      )}
      {data.canEdit && <SuccessionForm data={data} onDone={onDone} />}
    </Section>
  );
}

/** Per party: signed in Tandem (who, when, how), or awaiting its signature; the file's dates are only information. */
function PartySignature({ party }: { party: Party }) {
  if (!party.signatory) return <span>Succède à une partie : reprend sa signature</span>;
  const s = party.signature;
  const fileDates = party.fileSignatories.filter((f) => f.signedOn);
  return (
    <span>
      {s ? (
        <>
          <Badge severity="success" small noIcon>
            {s.mode === "in_app" ? "Signée dans Tandem" : "Copie signée enregistrée"}
          </Badge>
          <br />
          {s.name} ({s.title}), le {frenchDate(s.signedOn)}
          <br />
          <small>
            {s.mode === "in_app" ? "Signature enregistrée" : "Copie signée (scan) enregistrée"} par {s.recordedBy ?? "Tandem (reprise des copies signées)"} le{" "}
            {frenchDate(s.recordedAt)}
          </small>
        </>
      ) : (
        <Badge severity="warning" small noIcon>
          En attente de signature
        </Badge>
      )}
      {!s &&
        fileDates.map((f) => (
          <small key={`${f.name}-${f.signedOn}`} className="fr-text-mention--grey" style={{ display: "block" }}>
            {f.name} : date de signature indiquée dans le fichier, {frenchDate(f.signedOn)}
          </small>
        ))}
    </span>
  );
}
