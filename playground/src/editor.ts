// The program editor: CodeMirror 6 with Dedalus highlighting, and the engine's diagnostics (from the
// worker, the CLI's codes and words) as inline markers while typing.
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { HighlightStyle, StreamLanguage, syntaxHighlighting, bracketMatching } from '@codemirror/language';
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView, highlightActiveLine, keymap, lineNumbers } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import type { Marker } from './engine.js';

interface DedalusState {
  inComment: boolean;
}

/** Molly's Dedalus: identifiers are variables unless they name a relation (followed by `(`). */
const dedalus = StreamLanguage.define<DedalusState>({
  name: 'dedalus',
  startState: () => ({ inComment: false }),
  token(stream, state) {
    if (state.inComment) {
      if (stream.skipTo('*/')) {
        stream.pos += 2;
        state.inComment = false;
      } else stream.skipToEnd();
      return 'comment';
    }
    if (stream.eatSpace()) return null;
    if (stream.match('//')) {
      stream.skipToEnd();
      return 'comment';
    }
    if (stream.match('/*')) {
      state.inComment = true;
      return 'comment';
    }
    if (stream.match(/^"[^"]*"?/)) return 'string';
    if (stream.match(/^@(next|async)\b/)) return 'keyword';
    if (stream.match(/^@\d+/)) return 'keyword';
    if (stream.match(/^(include|notin)\b/)) return 'keyword';
    if (stream.match(/^(count|sum|min|max|avg)(?=<)/)) return 'keyword';
    if (stream.match(/^\d+\b/)) return 'number';
    if (stream.match(/^:-/)) return 'operator';
    if (stream.match(/^[A-Za-z0-9._?]+/)) {
      if (stream.current() === '_') return 'variableName';
      return stream.match(/^\s*\(/, false) ? 'typeName' : 'variableName';
    }
    if (stream.match(/^(==|!=|<=|>=|[<>+\-*/])/)) return 'operator';
    stream.next();
    return 'punctuation';
  },
  blankLine: () => undefined,
  languageData: { commentTokens: { line: '//', block: { open: '/*', close: '*/' } } },
});

const style = HighlightStyle.define([
  { tag: tags.comment, color: '#6a737d', fontStyle: 'italic' },
  { tag: tags.string, color: '#0a6b2d' },
  { tag: tags.number, color: '#8a3ffc' },
  { tag: tags.keyword, color: '#b3006b', fontWeight: '600' },
  { tag: tags.typeName, color: '#1d4fa3', fontWeight: '600' },
  { tag: tags.variableName, color: '#7a4b00' },
  { tag: tags.operator, color: '#444' },
]);

export interface EditorOptions {
  readonly parent: HTMLElement;
  /** Called on every change of the program (debounced by the linter). */
  readonly onChange: (text: string) => void;
  /** Diagnostics of the current text; only this file's are marked in it. */
  readonly diagnose: (text: string) => Promise<readonly Marker[]>;
  readonly path: () => string;
}

export class ProgramEditor {
  readonly view: EditorView;
  private readonly editable: Extension[];

  constructor(private readonly options: EditorOptions) {
    this.editable = [
      lineNumbers(),
      history(),
      bracketMatching(),
      highlightActiveLine(),
      dedalus,
      syntaxHighlighting(style),
      lintGutter(),
      linter((view) => this.lint(view), { delay: 250 }),
      keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) options.onChange(update.state.doc.toString());
      }),
      EditorView.contentAttributes.of({ 'aria-label': 'Dedalus program' }),
    ];
    this.view = new EditorView({
      parent: options.parent,
      state: EditorState.create({ extensions: this.editable }),
    });
  }

  /** Shows `text`; `readOnly` for an included file shown for reading. */
  show(text: string, readOnly = false): void {
    const extensions = readOnly
      ? [
          lineNumbers(),
          dedalus,
          syntaxHighlighting(style),
          EditorState.readOnly.of(true),
          EditorView.editable.of(false),
        ]
      : this.editable;
    this.view.setState(EditorState.create({ doc: text, extensions }));
  }

  get text(): string {
    return this.view.state.doc.toString();
  }

  /** Replaces the program as if typed (undoable), e.g. pasting a solution. */
  replace(text: string): void {
    this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: text } });
  }

  private async lint(view: EditorView): Promise<Diagnostic[]> {
    const text = view.state.doc.toString();
    const markers = await this.options.diagnose(text);
    if (view.state.doc.toString() !== text) return [];
    const path = this.options.path();
    return markers.flatMap((m): Diagnostic[] => {
      const doc = view.state.doc;
      const mine = m.file === path;
      // An error elsewhere (an included file, the bounds) is pinned to the first line.
      const line = doc.line(mine ? Math.min(Math.max(1, m.line), doc.lines) : 1);
      let from = mine ? Math.min(line.to, line.from + m.col - 1) : line.from;
      const endLine = doc.line(mine ? Math.min(Math.max(m.line, m.endLine), doc.lines) : 1);
      let to = mine && m.endLine >= m.line ? Math.min(endLine.to, endLine.from + m.endCol - 1) : line.to;
      // At least one character, so the mark shows (an error at the very end marks the last one).
      if (to <= from) to = Math.min(doc.length, from + 1);
      if (to <= from) from = Math.max(0, to - 1);
      return [{ from, to, severity: m.severity, source: m.code, message: mine ? m.message : m.text }];
    });
  }
}
