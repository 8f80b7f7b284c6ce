import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { z } from "zod";
import { ACTION_STATUS_LABELS, ACTION_STATUSES, ActionStatusSchema, type ActionSchema } from "../../../shared/contracts/governance";
import { CommandForm, FormSelect, formText } from "../../components/CommandForm";
import { ResponsiveTable } from "../../components/ResponsiveTable";
import { frenchDate } from "../conventions/format";
import { sendGovernance } from "./governanceApi";

type Action = z.infer<typeof ActionSchema>;

/** Actions with their owner, due date and status; who may follow one moves it on (à faire → en cours → faite). */
export function ActionsTable({ actions, onDone, caption }: { actions: Action[]; onDone: () => void; caption: string }) {
  return (
    <ResponsiveTable
      caption={caption}
      headers={["Action", "Responsable", "Échéance", "État", "Suivi"]}
      rows={actions.map((a) => ({
        key: a.id,
        cells: [
          a.text,
          a.owner.name,
          <span key="due">
            {frenchDate(a.dueOn)}
            {a.overdue && (
              <>
                {" "}
                <Badge severity="error" small noIcon>
                  En retard
                </Badge>
              </>
            )}
          </span>,
          <Badge key="status" severity={a.status === "done" ? "success" : a.status === "in_progress" ? "info" : "new"} small noIcon>
            {ACTION_STATUS_LABELS[a.status]}
            {a.doneOn ? ` le ${frenchDate(a.doneOn)}` : ""}
          </Badge>,
          a.canUpdate ? (
            <CommandForm
              key={`form-${a.status}`}
              title={`Suivre l’action « ${a.text} »`}
              titleClassName="fr-sr-only"
              titleAs="h4"
              submitLabel="Mettre à jour"
              schema={ActionStatusSchema}
              success="État enregistré."
              body={(d) => ({ status: formText(d, "status") })}
              onSubmit={async (body) => {
                await sendGovernance("patch", `/api/governance/actions/${a.id}`, z.object({ status: z.string() }), body);
                onDone();
              }}
            >
              <FormSelect label="Nouvel état" name="status" required defaultValue={a.status} options={ACTION_STATUSES.map((s) => ({ value: s, label: ACTION_STATUS_LABELS[s] }))} />
            </CommandForm>
          ) : (
            "—"
          ),
        ],
      }))}
    />
  );
}
