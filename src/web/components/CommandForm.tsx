import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { createContext, type FormEvent, type ReactNode, useCallback, useContext, useEffect, useId, useMemo, useRef, useState } from "react";
import type { z } from "zod";
import "../../shared/zodFrench";
import { ApiError } from "../api";
import { ErrorAlert } from "./ErrorAlert";

/**
 * The one way a form of Tandem is written: the shared zod contract checks it before anything is
 * sent, each problem (the contract's or the server's rule) is shown next to its field in DSFR
 * error style and the first one takes the focus, success is announced near the form, and an
 * irreversible act asks for confirmation first, saying what will happen.
 *
 * A field takes part by its `field`: its path in the request body ("on", "source.reviewedOn").
 */
export type FieldIssue = { field: string; message: string };

/** The server's refusals that name a field of the request body (`body.<field>`). */
export const fieldIssuesOf = (error: unknown): FieldIssue[] => {
  const issues = error instanceof ApiError ? (error.details as { issues?: { path?: unknown; message?: unknown }[] } | undefined)?.issues : undefined;
  return (issues ?? []).flatMap((i) =>
    typeof i.path === "string" && i.path.startsWith("body.") && typeof i.message === "string" ? [{ field: i.path.slice(5), message: i.message }] : [],
  );
};

/** A contract's issues as field issues (same paths as the server's). */
export const contractIssues = (error: z.ZodError): FieldIssue[] => error.issues.map((i) => ({ field: i.path.map(String).join("."), message: i.message }));

/** Raised by a form's `body` builder to refuse before sending (a rule the contract cannot say). */
export class FormProblem extends Error {
  constructor(readonly issues: FieldIssue[]) {
    super(issues[0]?.message ?? "Formulaire incomplet.");
  }
}

type FieldRegistry = { messageFor: (field: string) => string | undefined; register: (field: string, name: string) => void };
const FieldErrors = createContext<FieldRegistry>({ messageFor: () => undefined, register: () => {} });

/** The message about `field` (if any), and registers the input `name` that shows it. */
export function useFieldError(field: string, name: string): string | undefined {
  const { messageFor, register } = useContext(FieldErrors);
  useEffect(() => register(field, name), [register, field, name]);
  return messageFor(field);
}

export type Confirmation = { title: string; description: ReactNode; confirmLabel: string };

export type CommandFormProps<T> = {
  title: string;
  /** Heading level of the title: h3 by default, as a form inside a page section. */
  titleAs?: "h2" | "h3" | "h4";
  /** The title's DSFR size class, when the level's own size does not fit (a form inside a card). */
  titleClassName?: string;
  submitLabel: string;
  children?: ReactNode;
  /** Builds the request body from the form's fields (default: the FormData itself). */
  body?: (data: FormData) => T;
  /** The shared contract of the request body, checked before sending. */
  schema?: z.ZodType;
  onSubmit: (body: T) => Promise<unknown>;
  /** Said after success, near the form (and read out by screen readers). */
  success?: string;
  /** For an irreversible act: asked before sending. */
  confirm?: Confirmation;
  /** Secondary buttons (cancel…), after the submit button. */
  extraButtons?: ReactNode;
  /** Also says the server's refusal in one sentence above the buttons when its details sit next to the fields (a rule with its figures). */
  showRefusalMessage?: boolean;
  className?: string;
};

export function CommandForm<T = FormData>(props: CommandFormProps<T>) {
  const [error, setError] = useState<unknown>(null);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<T | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const titleId = useId();
  const [fields, setFields] = useState<ReadonlyMap<string, string>>(new Map());
  const register = useCallback((field: string, name: string) => setFields((known) => (known.get(field) === name ? known : new Map(known).set(field, name))), []);
  const inline = issues.length > 0 && issues.some((i) => fields.has(i.field));
  const context = useMemo(() => ({ messageFor: (field: string) => issues.find((i) => i.field === field)?.message, register }), [issues, register]);
  const [focusRequest, setFocusRequest] = useState<{ name: string } | null>(null);
  useEffect(() => {
    const input = focusRequest ? formRef.current?.elements.namedItem(focusRequest.name) : null;
    if (input instanceof HTMLElement) input.focus();
    else if (input instanceof RadioNodeList && input[0] instanceof HTMLElement) input[0].focus();
  }, [focusRequest]);

  const refuse = (found: FieldIssue[], err: unknown) => {
    setIssues(found);
    setError(err);
    // The first field in the form's own order takes the focus, whichever rule spoke first.
    const names = new Set(found.map((i) => fields.get(i.field)).filter(Boolean));
    const first = [...(formRef.current?.elements ?? [])].find((el) => names.has((el as HTMLInputElement).name)) as HTMLInputElement | undefined;
    const name = first?.name ?? found.map((i) => fields.get(i.field)).find(Boolean);
    if (name) setFocusRequest({ name });
  };

  /** Fields the browser could not read (a date typed halfway): FormData only sees them empty. */
  const unreadable = (form: HTMLFormElement): FieldIssue[] => {
    const byName = new Map([...fields].map(([field, name]) => [name, field]));
    return [...form.elements].flatMap((el) => {
      const input = el as HTMLInputElement;
      const field = byName.get(input.name);
      if (!field || !input.validity?.badInput) return [];
      return [{ field, message: input.type === "date" ? "Saisissez une date valide (jj/mm/aaaa)." : "Cette valeur est illisible : vérifiez sa saisie." }];
    });
  };

  const send = async (body: T) => {
    setBusy(true);
    try {
      await props.onSubmit(body);
      setDone(props.success ?? "Enregistré.");
      formRef.current?.reset();
    } catch (err) {
      refuse(fieldIssuesOf(err), err);
    } finally {
      setBusy(false);
    }
  };

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setError(null);
    setIssues([]);
    setDone(null);
    const unread = unreadable(e.currentTarget);
    const withUnread = (found: FieldIssue[]) => [...unread, ...found.filter((i) => !unread.some((u) => u.field === i.field))];
    let body: T;
    try {
      body = props.body ? props.body(new FormData(e.currentTarget)) : (new FormData(e.currentTarget) as T);
    } catch (err) {
      if (err instanceof FormProblem) return refuse(withUnread(err.issues), null);
      throw err;
    }
    if (props.schema) {
      const checked = props.schema.safeParse(body);
      if (!checked.success) return refuse(withUnread(contractIssues(checked.error)), null);
    }
    if (unread.length > 0) return refuse(unread, null);
    if (props.confirm) return setPending(body);
    await send(body);
  };

  const Title = props.titleAs ?? "h3";
  const unplaced = issues.filter((i) => !fields.has(i.field));
  return (
    <form ref={formRef} onSubmit={submit} className={props.className ?? "fr-mb-4w"} aria-labelledby={titleId} noValidate>
      <Title id={titleId} className={props.titleClassName ?? (Title === "h3" ? "fr-h6" : undefined)}>
        {props.title}
      </Title>
      <FieldErrors.Provider value={context}>{props.children}</FieldErrors.Provider>
      {error && !inline ? <ErrorAlert error={error} /> : null}
      {error instanceof ApiError && inline && props.showRefusalMessage ? (
        <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert">
          <p>{error.message}</p>
        </div>
      ) : null}
      {!error && unplaced.length > 0 && (
        <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert">
          <ul className="fr-mb-0">
            {unplaced.map((i) => (
              <li key={`${i.field}-${i.message}`}>{i.message}</li>
            ))}
          </ul>
        </div>
      )}
      {pending !== null && props.confirm ? (
        <div className="fr-alert fr-alert--warning fr-mb-2w" role="alertdialog" aria-labelledby={`${titleId}-confirm`}>
          <h4 id={`${titleId}-confirm`} className="fr-alert__title">
            {props.confirm.title}
          </h4>
          <div className="fr-mb-2w">{props.confirm.description}</div>
          <ul className="fr-btns-group fr-btns-group--inline-sm">
            <li>
              <Button
                type="button"
                disabled={busy}
                onClick={async () => {
                  const body = pending;
                  setPending(null);
                  await send(body);
                }}
              >
                {props.confirm.confirmLabel}
              </Button>
            </li>
            <li>
              <Button type="button" priority="secondary" onClick={() => setPending(null)}>
                Annuler
              </Button>
            </li>
          </ul>
        </div>
      ) : (
        <ul className="fr-btns-group fr-btns-group--inline-sm">
          <li>
            <Button type="submit" disabled={busy}>
              {props.submitLabel}
            </Button>
          </li>
          {props.extraButtons}
        </ul>
      )}
      <div role="status" aria-live="polite">
        {done && <p className="fr-message fr-message--valid fr-mb-2w">{done}</p>}
      </div>
    </form>
  );
}

type FieldBase = { label: ReactNode; name: string; field?: string; hint?: ReactNode };

/** A text, number, date, time or e-mail field that shows its own problem. */
export function FormInput(props: FieldBase & { type?: string; required?: boolean; defaultValue?: string | number; textArea?: boolean; inputProps?: Record<string, unknown> }) {
  const message = useFieldError(props.field ?? props.name, props.name);
  const state = message ? ("error" as const) : ("default" as const);
  if (props.textArea) {
    return (
      <Input
        textArea
        label={props.label}
        hintText={props.hint}
        state={state}
        stateRelatedMessage={message}
        nativeTextAreaProps={{ name: props.name, required: props.required, defaultValue: props.defaultValue, rows: 3, ...props.inputProps }}
      />
    );
  }
  return (
    <Input
      label={props.label}
      hintText={props.hint}
      state={state}
      stateRelatedMessage={message}
      nativeInputProps={{ type: props.type ?? "text", name: props.name, required: props.required, defaultValue: props.defaultValue, ...props.inputProps }}
    />
  );
}

/** A date (today in Paris by default unless `defaultValue` says otherwise). */
export function DateInput(props: FieldBase & { required?: boolean; defaultValue?: string }) {
  return <FormInput {...props} type="date" required={props.required ?? true} />;
}

/** A choice in a list that shows its own problem. */
export function FormSelect(props: FieldBase & { required?: boolean; defaultValue?: string; options: readonly { value: string; label: string }[]; placeholder?: string }) {
  const message = useFieldError(props.field ?? props.name, props.name);
  return (
    <Select
      label={props.label}
      hint={props.hint}
      state={message ? "error" : "default"}
      stateRelatedMessage={message}
      nativeSelectProps={{ name: props.name, required: props.required, defaultValue: props.defaultValue ?? "" }}
    >
      {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
      {props.options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </Select>
  );
}

/** The string value of a field (empty string when absent). */
export const formText = (d: FormData, key: string) => String(d.get(key) ?? "").trim();
/** The value of an optional field: undefined when left empty. */
export const optionalText = (d: FormData, key: string) => formText(d, key) || undefined;
