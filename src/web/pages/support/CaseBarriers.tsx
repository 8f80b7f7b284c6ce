import { Button } from "@codegouvfr/react-dsfr/Button";
import { useState } from "react";
import { BARRIER_CODES, BARRIER_LABELS, type BarrierCode, PROFESSIONAL_BARRIERS, SOCIAL_BARRIERS } from "../../../domain/support/vocabulary";
import { AddBarrierRequestSchema, type CaseView, CorrectBarrierRequestSchema, UpdateBarrierRequestSchema } from "../../../shared/contracts/support";
import { CommandForm, DateInput, FormInput, FormProblem, FormSelect, formText, optionalText } from "../../components/CommandForm";
import { ResponsiveTable } from "../../components/ResponsiveTable";
import { frenchDate, takesNewActs, todayInParis } from "./supportFormat";

type Submit = (path: string, body: unknown, method?: "post" | "patch") => Promise<void>;
type Barrier = CaseView["barriers"][number];
type Editing = { barrier: Barrier; action: "lift" | "reopen" | "admit" | "correct" };

const sideOf = (code: BarrierCode) =>
  (SOCIAL_BARRIERS as readonly string[]).includes(code) ? "Social" : (PROFESSIONAL_BARRIERS as readonly string[]).includes(code) ? "Professionnel" : "Autre";
const CODE_OPTIONS = BARRIER_CODES.map((code) => ({ value: code, label: `${sideOf(code)} — ${BARRIER_LABELS[code]}` }));
const CATEGORY_OPTIONS = [
  { value: "social", label: "Social" },
  { value: "professional", label: "Professionnel" },
];

/** The barrier fields shared by adding and correcting: the code, and for « Autre frein » its side and description. */
function BarrierFields(props: { defaultCode?: string; defaultCategory?: string; defaultLabel?: string }) {
  const [code, setCode] = useState(props.defaultCode ?? "");
  return (
    <div onChange={(e) => e.target instanceof HTMLSelectElement && e.target.name === "code" && setCode(e.target.value)}>
      <FormSelect label="Frein" name="code" required options={CODE_OPTIONS} defaultValue={props.defaultCode} placeholder="Choisir un frein" />
      {code === "other" && (
        <>
          <FormSelect label="Nature du frein" name="category" field="category" required options={CATEGORY_OPTIONS} defaultValue={props.defaultCategory ?? "social"} />
          <FormInput label="Description du frein" name="label" field="label" required defaultValue={props.defaultLabel} hint="Un frein hors des listes est admis après décision commune du binôme." />
        </>
      )}
    </div>
  );
}

/** The barrier part of a request body, refused before sending when « Autre frein » lacks its description. */
function barrierBody(d: FormData) {
  const code = formText(d, "code");
  if (code !== "other") return { code };
  const label = optionalText(d, "label");
  if (!label) throw new FormProblem([{ field: "label", message: "Décrivez ce frein : un frein « autre » doit être décrit." }]);
  return { code, category: formText(d, "category"), label };
}

function barrierState(b: Barrier) {
  if (b.resolvedOn) return `Levé le ${frenchDate(b.resolvedOn)}`;
  if (b.code === "other" && !b.jointDecisionOn) return "En attente de décision commune";
  return "Présent";
}

/**
 * The case's barriers, as they evolve at any time of the support: observed, admitted by joint
 * decision (a barrier outside the lists), lifted, present again — and corrected when recorded by
 * mistake (the timeline keeps what it said before). One form open at a time, under the table.
 */
export function CaseBarriers({ view, submit }: { view: CaseView; submit: Submit }) {
  const [editing, setEditing] = useState<Editing | null>(null);
  const open = view.status !== "exited" && view.status !== "refused";
  const canChange = view.can.work && open && takesNewActs(view);
  const today = todayInParis();
  const toggle = (barrier: Barrier, action: Editing["action"]) =>
    setEditing(editing?.barrier.id === barrier.id && editing.action === action ? null : { barrier, action });
  const done = async (run: Promise<void>) => {
    await run;
    setEditing(null);
  };
  const cancel = (
    <li>
      <Button type="button" priority="secondary" onClick={() => setEditing(null)}>
        Annuler
      </Button>
    </li>
  );
  const missing = [
    !view.barriers.some((b) => b.category === "social" && !b.resolvedOn) && "social",
    !view.barriers.some((b) => b.category === "professional" && !b.resolvedOn) && "professionnel",
  ].filter(Boolean);

  return (
    <section aria-labelledby="freins" className="fr-mb-4w">
      <h2 id="freins">Freins</h2>
      {view.barriers.length === 0 ? (
        <p>Aucun frein enregistré.</p>
      ) : (
        <ResponsiveTable
          caption={`${view.barriers.length} frein${view.barriers.length > 1 ? "s" : ""}`}
          headers={["Frein", "Nature", "Constaté le", "Décision commune", "État", ...(canChange ? ["Actions"] : [])]}
          rows={view.barriers.map((b) => ({
            key: b.id,
            cells: [
              b.label,
              b.category === "social" ? "Social" : "Professionnel",
              frenchDate(b.observedOn),
              b.jointDecisionOn ? `Admis le ${frenchDate(b.jointDecisionOn)}` : b.code === "other" ? "À prendre" : "Sans objet (frein listé)",
              barrierState(b),
              ...(canChange
                ? [
                    <ul key="actions" className="fr-btns-group fr-btns-group--sm fr-btns-group--inline">
                      {b.code === "other" && !b.jointDecisionOn && (
                        <li>
                          <Button size="small" priority="secondary" onClick={() => toggle(b, "admit")} nativeButtonProps={{ "aria-label": `Admettre ${b.label}` }}>
                            Admettre
                          </Button>
                        </li>
                      )}
                      <li>
                        <Button
                          size="small"
                          priority="secondary"
                          onClick={() => toggle(b, b.resolvedOn ? "reopen" : "lift")}
                          nativeButtonProps={{ "aria-label": `${b.resolvedOn ? "De nouveau présent" : "Lever"} : ${b.label}` }}
                        >
                          {b.resolvedOn ? "De nouveau présent" : "Lever"}
                        </Button>
                      </li>
                      <li>
                        <Button size="small" priority="tertiary" onClick={() => toggle(b, "correct")} nativeButtonProps={{ "aria-label": `Corriger ${b.label}` }}>
                          Corriger
                        </Button>
                      </li>
                    </ul>,
                  ]
                : []),
            ],
          }))}
        />
      )}
      {open && missing.length > 0 && (
        <p className="fr-text--sm">
          L’entrée demande au moins un frein social et un frein professionnel présents : il manque un frein {missing.join(" et un frein ")}.
        </p>
      )}

      {editing?.action === "lift" && (
        <CommandForm
          key={`lift-${editing.barrier.id}`}
          title={`Lever le frein « ${editing.barrier.label} »`}
          submitLabel="Lever le frein"
          schema={UpdateBarrierRequestSchema}
          body={(d) => ({ resolvedOn: formText(d, "resolvedOn") })}
          onSubmit={(body) => done(submit(`barriers/${editing.barrier.id}`, body, "patch"))}
          success="Frein levé."
          extraButtons={cancel}
        >
          <DateInput label="Levé le" name="resolvedOn" defaultValue={today} />
        </CommandForm>
      )}
      {editing?.action === "reopen" && (
        <CommandForm
          key={`reopen-${editing.barrier.id}`}
          title={`Le frein « ${editing.barrier.label} » est de nouveau présent`}
          submitLabel="Enregistrer"
          schema={UpdateBarrierRequestSchema}
          body={() => ({ resolvedOn: null })}
          onSubmit={(body) => done(submit(`barriers/${editing.barrier.id}`, body, "patch"))}
          success="Frein de nouveau présent."
          extraButtons={cancel}
        >
          <p className="fr-text--sm">Sa levée du {frenchDate(editing.barrier.resolvedOn)} est retirée ; l’historique la garde.</p>
        </CommandForm>
      )}
      {editing?.action === "admit" && (
        <CommandForm
          key={`admit-${editing.barrier.id}`}
          title={`Admettre « ${editing.barrier.label} » par décision commune`}
          submitLabel="Admettre le frein"
          schema={UpdateBarrierRequestSchema}
          body={(d) => ({ jointDecisionOn: formText(d, "jointDecisionOn") })}
          onSubmit={(body) => done(submit(`barriers/${editing.barrier.id}`, body, "patch"))}
          success="Frein admis par décision commune."
          extraButtons={cancel}
        >
          <p className="fr-text--sm">Un frein hors des listes est admis après échange entre le conseiller et le travailleur social [002 art. 2 b)].</p>
          <DateInput label="Date de la décision commune" name="jointDecisionOn" defaultValue={today} />
        </CommandForm>
      )}
      {editing?.action === "correct" && (
        <CommandForm
          key={`correct-${editing.barrier.id}`}
          title={`Corriger le frein « ${editing.barrier.label} »`}
          submitLabel="Enregistrer la correction"
          schema={CorrectBarrierRequestSchema}
          body={(d) => ({ ...barrierBody(d), observedOn: formText(d, "observedOn"), reason: optionalText(d, "reason") })}
          onSubmit={(body) => done(submit(`barriers/${editing.barrier.id}/correction`, body))}
          success="Frein corrigé."
          extraButtons={cancel}
        >
          <p className="fr-text--sm">Pour un frein saisi par erreur (mauvais frein ou mauvaise date). L’historique garde la saisie d’origine.</p>
          <BarrierFields
            defaultCode={editing.barrier.code}
            defaultCategory={editing.barrier.category}
            defaultLabel={editing.barrier.code === "other" ? editing.barrier.label : undefined}
          />
          <DateInput label="Constaté le" name="observedOn" defaultValue={editing.barrier.observedOn} />
          <FormInput label="Motif de la correction (facultatif)" name="reason" />
        </CommandForm>
      )}

      {canChange && (
        <CommandForm
          title="Ajouter un frein"
          submitLabel="Ajouter le frein"
          schema={AddBarrierRequestSchema}
          body={(d) => ({ ...barrierBody(d), observedOn: formText(d, "observedOn") })}
          onSubmit={(body) => submit("barriers", body)}
          success="Frein ajouté."
        >
          <BarrierFields />
          <DateInput label="Constaté le" name="observedOn" defaultValue={today} />
        </CommandForm>
      )}
    </section>
  );
}
