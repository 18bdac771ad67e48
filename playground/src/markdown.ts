// The few Markdown forms the lesson pages use, rendered to DOM nodes with textContent only (no HTML
// from the page ever becomes markup): headings, paragraphs, lists, fenced code, `code`, **bold**,
// _emphasis_ and [links](…).

export function renderMarkdown(text: string, doc: Document = document): DocumentFragment {
  const out = doc.createDocumentFragment();
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.startsWith('```')) {
      const code: string[] = [];
      for (i++; i < lines.length && !lines[i]!.startsWith('```'); i++) code.push(lines[i]!);
      i++;
      const pre = doc.createElement('pre');
      pre.textContent = code.join('\n');
      out.append(pre);
      continue;
    }
    const heading = /^(#{1,4})\s+(.*)$/.exec(line);
    if (heading) {
      const h = doc.createElement(`h${Math.min(4, heading[1]!.length + 1)}`);
      inline(h, heading[2]!, doc);
      out.append(h);
      i++;
      continue;
    }
    if (/^\s*([-*]|\d+\.)\s+/.test(line)) {
      const ordered = /^\s*\d+\./.test(line);
      const list = doc.createElement(ordered ? 'ol' : 'ul');
      while (i < lines.length && /^\s*([-*]|\d+\.)\s+/.test(lines[i]!)) {
        let item = lines[i]!.replace(/^\s*([-*]|\d+\.)\s+/, '');
        for (i++; i < lines.length && /^\s{2,}\S/.test(lines[i]!); i++) item += ' ' + lines[i]!.trim();
        const li = doc.createElement('li');
        inline(li, item, doc);
        list.append(li);
      }
      out.append(list);
      continue;
    }
    if (line.trim() === '') {
      i++;
      continue;
    }
    const para: string[] = [];
    for (; i < lines.length && lines[i]!.trim() !== '' && !/^(#|```|\s*([-*]|\d+\.)\s)/.test(lines[i]!); i++)
      para.push(lines[i]!.trim());
    const p = doc.createElement('p');
    inline(p, para.join(' '), doc);
    out.append(p);
  }
  return out;
}

const INLINE = /`([^`]+)`|\*\*([^*]+)\*\*|(?<![\w])_([^_]+)_(?![\w])|\[([^\]]+)\]\(([^)\s]+)\)/g;

function inline(parent: HTMLElement, text: string, doc: Document): void {
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    parent.append(text.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[1] !== undefined) parent.append(element(doc, 'code', m[1]));
    else if (m[2] !== undefined) parent.append(element(doc, 'strong', m[2]));
    else if (m[3] !== undefined) parent.append(element(doc, 'em', m[3]));
    else {
      const a = element(doc, 'a', m[4]!) as HTMLAnchorElement;
      // Links to another lesson or within the page; anything else (a file of the repository, a
      // site elsewhere: the playground fetches nothing) stays text.
      const target = linkTarget(m[5]!);
      if (target !== null) a.href = target;
      parent.append(a);
    }
  }
  parent.append(text.slice(last));
}

/** `../04-redundancy/README.md` (a link between lesson pages) → `#lesson=04-redundancy`. */
function linkTarget(href: string): string | null {
  const lesson = /(?:^|\/)(\d\d-[\w-]+)\/(README\.md)?$/.exec(href);
  if (lesson) return `#lesson=${lesson[1]}`;
  return href.startsWith('#') ? href : null;
}

function element(doc: Document, tag: string, text: string): HTMLElement {
  const node = doc.createElement(tag);
  node.textContent = text;
  return node;
}
