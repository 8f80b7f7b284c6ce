import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { Link } from "react-router";
import { AuditChainReportSchema, auditChainBreakFinding, parisDateTime } from "../../../shared/contracts/auditIntegrity";
import { api } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";

const count = (n: number) => n.toLocaleString("fr-FR");

/** For the DPO and the platform admin: the whole audit chain read again, and where it breaks if it does. */
export function AuditIntegrityPage() {
  usePageTitle("Journal d’audit — intégrité");
  const { data, error, loading, reload } = useApi(() => api.get("/api/audit-events/integrity", AuditChainReportSchema), []);
  const firstBreak = data?.breaks[0];

  return (
    <>
      <p className="fr-mb-2w">
        <Link to="/journal-audit" className="fr-link fr-icon-arrow-left-s-line fr-link--icon-left">
          Journal d’audit
        </Link>
      </p>
      <h1>Journal d’audit — intégrité</h1>
      <p>
        Chaque évènement du journal porte l’empreinte (SHA-256) de l’évènement qui le précède. Modifier, supprimer ou réécrire un
        évènement, même directement dans la base de données, rompt cette chaîne. Tandem la relit ici en entier.
      </p>
      <ErrorAlert error={error} />
      {loading && !data && <p aria-live="polite">Vérification de la chaîne en cours…</p>}
      {data &&
        (data.intact ? (
          <Alert
            className="fr-mb-3w"
            severity="success"
            title="La chaîne est intacte"
            description={
              data.first && data.last
                ? `${count(data.verifiedEvents)} évènements vérifiés (n° ${data.first.seq} à ${data.last.seq}), du ${parisDateTime(data.first.occurredAt)} au ${parisDateTime(data.last.occurredAt)}.`
                : "Le journal ne contient encore aucun évènement."
            }
          />
        ) : (
          <Alert
            className="fr-mb-3w"
            severity="error"
            title={firstBreak?.eventId ? `La chaîne est rompue à l’évènement n° ${firstBreak.seq}` : "La chaîne est rompue à la fin du journal"}
            description={[
              firstBreak && `Constat : ${auditChainBreakFinding(firstBreak)}${firstBreak.occurredAt ? `, évènement enregistré le ${parisDateTime(firstBreak.occurredAt)}` : ""}.`,
              `${data.breakCount === 1 ? "1 rupture" : `${count(data.breakCount)} ruptures`} sur ${count(data.verifiedEvents)} évènements lus.`,
              "Signalez-le à l’administrateur de la plateforme et conservez ce constat.",
            ]
              .filter(Boolean)
              .join(" ")}
            role="alert"
          />
        ))}
      {data && !data.intact && (
        <Table
          caption={data.breakCount > data.breaks.length ? `Les ${data.breaks.length} premières ruptures sur ${count(data.breakCount)}` : "Ruptures de la chaîne"}
          headers={["Évènement", "Date", "Constat"]}
          data={data.breaks.map((b) => [
            b.eventId ? `n° ${b.seq}` : "fin du journal",
            b.occurredAt ? parisDateTime(b.occurredAt) : "—",
            auditChainBreakFinding(b),
          ])}
        />
      )}
      {data?.last && (
        <p className="fr-text--sm">
          Empreinte du dernier évènement vérifié (n° {data.last.seq}) : <code style={{ wordBreak: "break-all" }}>{data.last.hash}</code>.
          Conservée hors de Tandem, elle permet de constater plus tard qu’aucun évènement antérieur n’a été réécrit.
        </p>
      )}
      {data && <p className="fr-text--sm">Vérifié le {parisDateTime(data.checkedAt)}.</p>}
      <Button priority="secondary" onClick={reload} disabled={loading}>
        Vérifier à nouveau
      </Button>
    </>
  );
}
