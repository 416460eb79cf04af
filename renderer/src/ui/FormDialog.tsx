// A modal dialog that holds one short form: its title, what it is about, the fields, the refusal
// main sent back (shown as it came, in the user's language), Cancel and the action. The dialogs
// that ask for a few fields and call one channel use it, so they open, focus, fail and close alike.
import { useEffect, useRef, useState, type FormEvent, type ReactNode, type RefObject } from 'react';
import { ApiError } from '../api.ts';
import { pick } from '../i18n/index.ts';

/** A <dialog> shown modally as soon as it mounts. */
export function useModal(): RefObject<HTMLDialogElement | null> {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => dialog.current?.showModal(), []);
  return dialog;
}

/** Runs a dialog's action: on success the dialog closes, on refusal its message is shown. */
export function useDialogAction(dialog: RefObject<HTMLDialogElement | null>) {
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<void>) => {
    setError(null);
    try {
      await action();
      dialog.current?.close();
    } catch (e) {
      setError(e instanceof ApiError ? pick(e.value.message) : String(e));
    }
  };
  return { error, setError, run };
}

export function FormDialog(props: {
  dialog: RefObject<HTMLDialogElement | null>;
  /** Prefix of the element ids (`<id>-title`). */
  id: string;
  title: string;
  testId?: string;
  /** What the dialog is about, above the form. */
  intro: ReactNode;
  error: string | null;
  cancelLabel: string;
  submitLabel: string;
  /** Buttons between Cancel and the action. */
  extraActions?: ReactNode;
  onSubmit(e: FormEvent): void;
  onClose(): void;
  children: ReactNode;
}) {
  const { dialog, id, error } = props;
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={`${id}-title`} onClose={props.onClose} data-testid={props.testId}>
      <h2 id={`${id}-title`}>{props.title}</h2>
      {props.intro}
      <form onSubmit={props.onSubmit} className="login-form">
        {props.children}
        {error && (
          <p role="alert" className="form-error">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
            {props.cancelLabel}
          </button>
          {props.extraActions}
          <button type="submit" className="primary">
            {props.submitLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
