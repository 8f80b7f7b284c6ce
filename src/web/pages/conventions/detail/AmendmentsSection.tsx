import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Table } from "@codegouvfr/react-dsfr/Table";
import type { ConventionDetail } from "../../../../shared/contracts/convention";
import { frenchDate } from "../format";
import { AmendmentForm } from "./AmendmentForm";
import { SignatureForm } from "./SignatureForm";
import { Section, type SectionProps } from "./shared";

type Amendment = ConventionDetail["amendments"][number];

/** Every amendment, who has signed it and who is awaited; the signature forms the user is offered; proposing one. */
export function AmendmentsSection({ data, onDone }: SectionProps) {
  return (
    <Section id="avenants" title="Avenants">
      {data.amendments.length === 0 ? (
        <p>Aucun avenant.</p>
      ) : (
        <>
          {data.amendments
            .filter((a) => a.status === "pending")
            .map((a) => (
              <Alert
                key={a.id}
                className="fr-mb-2w"
                severity="info"
                small
                description={
                  <>
                    <strong>
                      Avenant « {a.number} » en attente de signature de : {a.awaitingSignatureOf.join(", ")}.
                    </strong>{" "}
                    Il ne modifie la convention qu’une fois signé dans Tandem par chacune des parties.
                  </>
                }
              />
            ))}
          <Table
            headers={["Numéro", "Effet le", "Objet", "Signatures"]}
            data={data.amendments.map((a) => [a.number, frenchDate(a.effectiveOn), a.summary, <AmendmentSignatures key="signatures" amendment={a} />])}
          />
          {data.amendments.flatMap((a) =>
            a.parties
              .filter((p) => p.canSign)
              .map((p) => <SignatureForm key={`${a.id}-${p.code}`} conventionId={data.id} amendment={a} parties={[p]} mode="in_app" onDone={onDone} />),
          )}
          {data.amendments
            .filter((a) => a.canRecordScannedCopy)
            .map((a) => (
              <SignatureForm
                key={`${a.id}-scan`}
                conventionId={data.id}
                amendment={a}
                parties={a.parties.filter((p) => !p.signature)}
                mode="scanned_copy"
                onDone={onDone}
              />
            ))}
        </>
      )}
      {data.canEdit && !data.terminatedOn && <AmendmentForm conventionId={data.id} signsFor={data.signsFor} onDone={onDone} />}
    </Section>
  );
}

/** Per amendment: signed by every party (it applies), or who has signed and who is awaited. */
function AmendmentSignatures({ amendment }: { amendment: Amendment }) {
  return (
    <span>
      {amendment.status === "signed" ? (
        <Badge severity="success" small noIcon>
          Signé par toutes les parties le {frenchDate(amendment.signedOn)}
        </Badge>
      ) : (
        <Badge severity="warning" small noIcon>
          En attente de signature
        </Badge>
      )}
      {amendment.parties.map((p) => (
        <small key={p.code} style={{ display: "block" }}>
          {p.name} :{" "}
          {p.signature
            ? `${p.signature.name} (${p.signature.title}), le ${frenchDate(p.signature.signedOn)}${p.signature.mode === "scanned_copy" ? ", copie signée (scan)" : ", signé dans Tandem"}`
            : "en attente de signature"}
        </small>
      ))}
      {amendment.statedSignedOn && amendment.status === "pending" && (
        <small className="fr-text-mention--grey" style={{ display: "block" }}>
          Date indiquée sur l’avenant : {frenchDate(amendment.statedSignedOn)} (ne vaut pas signature)
        </small>
      )}
    </span>
  );
}
