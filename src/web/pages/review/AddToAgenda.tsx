import { OkSchema } from "../../../shared/contracts/common";
import { AddReviewItemRequestSchema } from "../../../shared/contracts/review";
import { PortfolioResponseSchema } from "../../../shared/contracts/support";
import { api } from "../../api";
import { CommandForm, FormSelect, formText } from "../../components/CommandForm";
import { useApi } from "../../useApi";

/** A participant puts on the agenda any case of their portfolio the agenda did not pick up. */
export function AddToAgenda({ reviewId, onAgenda, onAdded }: { reviewId: string; onAgenda: string[]; onAdded: () => void }) {
  const portfolio = useApi(() => api.get("/api/support/portfolio?pageSize=200", PortfolioResponseSchema), []);
  const candidates = (portfolio.data?.items ?? []).filter((c) => !onAgenda.includes(c.id) && c.status !== "exited" && c.status !== "refused");
  if (candidates.length === 0) return null;
  return (
    <CommandForm<{ caseId: string }>
      title="Ajouter une personne à l’ordre du jour"
      submitLabel="Ajouter à l’ordre du jour"
      schema={AddReviewItemRequestSchema}
      body={(data) => ({ caseId: formText(data, "caseId") })}
      success="Personne ajoutée à l’ordre du jour."
      onSubmit={async (body) => {
        await api.post(`/api/reviews/${reviewId}/items`, OkSchema, body);
        onAdded();
      }}
    >
      <FormSelect
        label="Personne de mon portefeuille"
        name="caseId"
        placeholder="Choisir"
        options={candidates.map((c) => ({ value: c.id, label: `${c.person.name} (${c.person.ftIdentifier})` }))}
      />
    </CommandForm>
  );
}
