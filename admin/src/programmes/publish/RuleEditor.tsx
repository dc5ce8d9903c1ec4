import { useEffect, useRef } from 'react';
import { autocompletion, closeBrackets, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { bracketMatching, defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import { Compartment, EditorState } from '@codemirror/state';
import { EditorView, keymap, lineNumbers, placeholder as placeholderText } from '@codemirror/view';
import { celLanguage, factCompletion, type Fact } from './cel-language';

export interface RuleEditorProps {
  value: string;
  onChange: (value: string) => void;
  facts: readonly Fact[];
  /** A compile error at 1-based line and column, shown in the text. */
  error?: { line: number; column: number; message: string } | null;
  readOnly?: boolean;
  label: string;
  describedBy?: string;
  placeholder?: string;
}

/**
 * The CEL editor (CodeMirror 6): highlighting, completion of the API's fact names, the compile error marked
 * at its position. Loaded with React.lazy on the publish form only, so no other page pays for it.
 */
export default function RuleEditor(props: RuleEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const onChange = useRef(props.onChange);
  onChange.current = props.onChange;
  const completion = useRef(new Compartment());
  const editable = useRef(new Compartment());

  useEffect(() => {
    const editor = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: props.value,
        extensions: [
          lineNumbers(),
          history(),
          closeBrackets(),
          bracketMatching(),
          celLanguage,
          syntaxHighlighting(defaultHighlightStyle),
          completion.current.of(autocompletion({ override: [factCompletion(props.facts)] })),
          editable.current.of(EditorState.readOnly.of(!!props.readOnly)),
          lintGutter(),
          placeholderText(props.placeholder ?? ''),
          keymap.of([...defaultKeymap, ...historyKeymap, ...completionKeymap]),
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({
            'aria-label': props.label,
            ...(props.describedBy ? { 'aria-describedby': props.describedBy } : {}),
          }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) onChange.current(update.state.doc.toString());
          }),
          EditorView.theme({
            '&': { border: '1px solid rgba(0,0,0,0.38)', borderRadius: '4px', fontSize: '14px' },
            '&.cm-focused': { outline: '2px solid #1565c0' },
            '.cm-content': { fontFamily: 'monospace', minHeight: '5em' },
          }),
        ],
      }),
    });
    view.current = editor;
    return () => editor.destroy();
    // The editor is made once; later prop changes reach it through the effects below.
  }, []);

  // A value set from outside (reload, reset) replaces the text; the person's own typing is already there.
  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== props.value) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: props.value } });
    }
  }, [props.value]);

  useEffect(() => {
    view.current?.dispatch({
      effects: completion.current.reconfigure(autocompletion({ override: [factCompletion(props.facts)] })),
    });
  }, [props.facts]);

  useEffect(() => {
    view.current?.dispatch({ effects: editable.current.reconfigure(EditorState.readOnly.of(!!props.readOnly)) });
  }, [props.readOnly]);

  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    const { error } = props;
    if (!error) return void editor.dispatch(setDiagnostics(editor.state, []));
    const doc = editor.state.doc;
    const line = doc.line(Math.min(Math.max(error.line, 1), doc.lines));
    const from = Math.min(line.from + Math.max(error.column - 1, 0), line.to);
    const to = Math.min(from + 1, doc.length);
    editor.dispatch(
      setDiagnostics(editor.state, [{ from, to: Math.max(to, from), severity: 'error', message: error.message }]),
    );
  }, [props.error, props.value]);

  return <div ref={host} data-testid="rule-editor" />;
}
