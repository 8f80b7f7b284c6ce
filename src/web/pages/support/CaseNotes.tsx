import { Button } from "@codegouvfr/react-dsfr/Button";
import { useState } from "react";
import { NOTE_VISIBILITY_LABELS } from "../../../domain/support/vocabulary";
import { type CaseView, EditNoteRequestSchema, type NoteView, NoteRequestSchema } from "../../../shared/contracts/support";
import { CommandForm, FormInput, FormSelect, formText } from "../../components/CommandForm";
import { parisMoment, takesNewActs } from "./supportFormat";

type Submit = (path: string, body: unknown, method?: "post" | "patch") => Promise<void>;

function NoteItem({ view, note, submit }: { view: CaseView; note: NoteView; submit: Submit }) {
  const [editing, setEditing] = useState(false);
  return (
    <div className="fr-callout fr-mb-2w">
      <p className="fr-callout__text" style={{ whiteSpace: "pre-wrap" }}>
        {note.body}
      </p>
      <p className="fr-text--sm fr-mb-1w">
        {note.author}, le {parisMoment(note.createdAt)}
        {note.editedAt && `, modifiée le ${parisMoment(note.editedAt)}`} — {NOTE_VISIBILITY_LABELS[note.visibility]}
      </p>
      {note.mine && view.can.work && takesNewActs(view) && !editing && (
        <Button size="small" priority="tertiary" iconId="fr-icon-edit-line" onClick={() => setEditing(true)}>
          Modifier la note
        </Button>
      )}
      {editing && (
        <CommandForm
          title="Modifier la note"
          submitLabel="Enregistrer la nouvelle version"
          schema={EditNoteRequestSchema}
          body={(d) => ({ body: formText(d, "body") })}
          onSubmit={async (body) => {
            await submit(`notes/${note.id}`, body, "patch");
            setEditing(false);
          }}
          extraButtons={
            <li>
              <Button type="button" priority="secondary" onClick={() => setEditing(false)}>
                Fermer
              </Button>
            </li>
          }
        >
          <FormInput
            textArea
            label="Texte de la note"
            name="body"
            field="body"
            required
            defaultValue={note.body}
            hint="La version actuelle reste lisible dans l’historique de la note, par ceux qui peuvent la voir."
            inputProps={{ maxLength: 10000, rows: 5 }}
          />
        </CommandForm>
      )}
      {note.versions.length > 0 && (
        <details className="fr-mt-1w">
          <summary>Versions précédentes ({note.versions.length})</summary>
          <ol className="fr-mt-1w">
            {note.versions.map((v) => (
              <li key={v.replacedAt} className="fr-mb-1w">
                <p className="fr-text--sm fr-mb-0">
                  Écrite le {parisMoment(v.writtenAt)}, remplacée le {parisMoment(v.replacedAt)} par {v.replacedBy} :
                </p>
                <p className="fr-mb-0" style={{ whiteSpace: "pre-wrap" }}>
                  {v.body}
                </p>
              </li>
            ))}
          </ol>
        </details>
      )}
    </div>
  );
}

/** The notes the user's role may read, their versions, and where they may write one. */
export function CaseNotes({ view, submit }: { view: CaseView; submit: Submit }) {
  const writable = takesNewActs(view) ? view.can.writeNoteVisibilities : [];
  return (
    <section aria-labelledby="notes" className="fr-mb-4w">
      <h2 id="notes">Notes</h2>
      {view.notes.length === 0 && <p>Aucune note visible pour vous.</p>}
      {view.notes.map((n) => (
        <NoteItem key={n.id} view={view} note={n} submit={submit} />
      ))}
      {writable.length > 0 && (
        <CommandForm
          title="Ajouter une note"
          submitLabel="Ajouter la note"
          schema={NoteRequestSchema}
          body={(d) => ({ visibility: formText(d, "visibility"), body: formText(d, "body") })}
          onSubmit={(body) => submit("notes", body)}
          success="Note ajoutée."
        >
          <FormSelect label="Visible par" name="visibility" options={writable.map((v) => ({ value: v, label: NOTE_VISIBILITY_LABELS[v] }))} defaultValue="pair" />
          <FormInput textArea label="Note" name="body" field="body" required inputProps={{ maxLength: 10000, rows: 4 }} />
        </CommandForm>
      )}
    </section>
  );
}
