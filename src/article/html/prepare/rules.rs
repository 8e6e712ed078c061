//! Which of the tree builder's algorithms each token runs ("the rules for parsing
//! tokens in HTML content": in body, in table, in row …), and the bounds: a start
//! tag that would take the tree builder past one is cut before it has any effect,
//! so the model always holds what the tree builder will hold for the output.

use std::collections::HashMap;

use super::scan::StartTag;
use super::tags::{Scope, Tag};
use super::tree::{Mode, Tree};

/// Deeper than any real page (news pages nest 20 to 40 levels); Blink stops
/// nesting at 512 too.
pub(in crate::article::html) const MAX_DEPTH: usize = 512;
/// Formatting elements other than `<a>` listed at once. Each one listed is reopened
/// in every block after the one it was left open in, so this (with `MAX_ALIKE`
/// links) bounds the elements one `<p>x` makes. Links are not counted: cutting one
/// would change which text is link text, and each `<a>` closes the one before.
pub(in crate::article::html) const MAX_FORMATTING: usize = 8;
/// Alike formatting elements listed after the last marker: with at most three the
/// Noah's Ark clause (whose attribute comparison the model does not make) never acts.
const MAX_ALIKE: usize = 3;
/// The most elements the tree builder reopens at once (the tests' bound).
#[cfg(test)]
pub(in crate::article::html) const MAX_REOPENED: usize = MAX_FORMATTING + MAX_ALIKE;
/// Attributes of the listed formatting elements together: each reopening copies them.
pub(in crate::article::html) const MAX_FORMATTING_ATTRIBUTES: usize = 32;
/// Attributes of one tag: the tokenizer compares each new one with all before it.
pub(in crate::article::html) const MAX_ATTRIBUTES: usize = 256;
/// Markers left behind by a closed cell (see `Tree::stale_markers`).
const MAX_STALE_MARKERS: usize = 8;
/// `<html>` and `<body>` start tags: each adds its attributes to the element's.
const MAX_ROOT_TAGS: usize = 8;

/// What the pre-pass does with a tag.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Verdict {
    Keep,
    Cut,
    /// Keep the tag and its first N attributes.
    KeepAttributes(usize),
}

pub(super) struct Model<'a> {
    html: &'a [u8],
    pub(super) tree: Tree<'a>,
    root_tags: usize,
    /// Start tags cut at the depth bound, innermost last, with a count per
    /// (lowercased) name: the end tags that match them are cut too.
    deeper: Vec<Vec<u8>>,
    deeper_count: HashMap<Vec<u8>, usize>,
    /// Formatting start tags cut by the bounds on the list: as many of their end
    /// tags are cut.
    cut_formatting: Vec<(Tag, usize)>,
}

impl<'a> Model<'a> {
    pub(super) fn new(html: &'a [u8]) -> Self {
        Model {
            html,
            tree: Tree::default(),
            root_tags: 0,
            deeper: Vec::new(),
            deeper_count: HashMap::new(),
            cut_formatting: Vec::new(),
        }
    }

    /// Characters between tags.
    pub(super) fn text(&mut self, text: &[u8]) {
        let tree = &mut self.tree;
        let has_ink = || text.iter().any(|&b| !super::scan::is_space(b));
        match tree.mode() {
            Mode::Body | Mode::Cell | Mode::Caption => tree.reconstruct(),
            Mode::ColumnGroup => {
                if has_ink() && tree.top() == Some(Tag::Colgroup) {
                    tree.pop();
                    self.text(text);
                }
            }
            Mode::Table | Mode::TableBody | Mode::Row => {
                // Text straight in a table is held back, and moved out in front of
                // the table ("foster parented") unless it is all spaces.
                let in_table = matches!(
                    tree.top(),
                    Some(Tag::Table | Tag::Tbody | Tag::Tfoot | Tag::Thead | Tag::Tr)
                );
                if !in_table || has_ink() {
                    tree.reconstruct();
                }
            }
        }
        self.forget_deeper();
    }

    pub(super) fn start_tag(&mut self, tag: &StartTag<'a, '_>) -> Verdict {
        let kind = Tag::of(tag.name);
        let verdict = self.verdict(kind, tag);
        match verdict {
            Verdict::Cut => {
                if kind.is_formatting() && self.tree.stack.len() < MAX_DEPTH {
                    self.note_cut_formatting(kind);
                } else {
                    self.note_deeper(tag.name);
                }
            }
            Verdict::Keep | Verdict::KeepAttributes(_) => {
                let attributes = match verdict {
                    Verdict::KeepAttributes(n) => n,
                    _ => tag.attributes.len(),
                };
                if matches!(kind, Tag::Html | Tag::Body) {
                    self.root_tags += 1;
                }
                self.start(kind, tag, attributes);
                self.forget_deeper();
            }
        }
        verdict
    }

    pub(super) fn end_tag(&mut self, name: &'a [u8], closes_raw: bool) -> Verdict {
        if closes_raw {
            return Verdict::Keep;
        }
        if self.take_deeper(name) {
            return Verdict::Cut;
        }
        let kind = Tag::of(name);
        if kind.is_formatting() && self.take_cut_formatting(kind) {
            return Verdict::Cut;
        }
        self.end(kind, name);
        self.forget_deeper();
        Verdict::Keep
    }

    /// Whether the tag may be kept: decided before it has any effect.
    fn verdict(&self, kind: Tag, tag: &StartTag<'_, '_>) -> Verdict {
        let tree = &self.tree;
        let depth = tree.stack.len();
        let mut attributes = MAX_ATTRIBUTES;
        match kind {
            // Framesets replace the body (and its text) and ignore all but frames.
            Tag::Frameset => return Verdict::Cut,
            Tag::Html | Tag::Body if self.root_tags >= MAX_ROOT_TAGS => return Verdict::Cut,
            _ if kind == Tag::Table || (kind.is_table_part() && tree.mode() != Mode::Body) => {
                // A table's parts close what is open in the table first, then open
                // up to a row group, a row and a cell; a table in a table closes it.
                // A table anywhere else (a cell, a caption) nests where it is.
                let base = match kind {
                    Tag::Table if !is_table_mode(tree.mode()) => depth,
                    _ => tree.in_table_scope(Tag::Table).unwrap_or(depth),
                };
                if base + 4 > MAX_DEPTH {
                    return Verdict::Cut;
                }
            }
            _ if kind.is_formatting() => {
                let (listed, listed_attributes) = tree.listed();
                if depth >= MAX_DEPTH
                    || (listed >= MAX_FORMATTING && kind != Tag::A)
                    || tree.listed_in_segment(kind) >= MAX_ALIKE
                {
                    return Verdict::Cut;
                }
                attributes = MAX_FORMATTING_ATTRIBUTES.saturating_sub(listed_attributes);
            }
            Tag::Applet | Tag::Marquee | Tag::Object
                if depth >= MAX_DEPTH || tree.stale_markers >= MAX_STALE_MARKERS =>
            {
                return Verdict::Cut;
            }
            // Whether a hidden input in a table closes a `<select>` depends on a
            // value the model does not decode.
            Tag::Input
                if is_table_mode(tree.mode())
                    && input_type(tag, self.html).is_some_and(|t| t.contains(&b'&')) =>
            {
                return Verdict::Cut;
            }
            _ if pushes(kind, tree.mode()) && self.kept(kind) >= MAX_DEPTH => return Verdict::Cut,
            _ => {}
        }
        if tag.attributes.len() > attributes {
            Verdict::KeepAttributes(attributes)
        } else {
            Verdict::Keep
        }
    }

    /// How many elements of the stack stay open before the tag pushes its own (an
    /// under-estimate of the pops is safe).
    fn kept(&self, kind: Tag) -> usize {
        let tree = &self.tree;
        let len = tree.stack.len();
        let p = || tree.tag_in_scope(Scope::Button, Tag::P).unwrap_or(len);
        match kind {
            Tag::Li | Tag::Dd | Tag::Dt => self.list_item_to_close(kind).unwrap_or(len).min(p()),
            Tag::Button => tree
                .tag_in_scope(Scope::Default, Tag::Button)
                .unwrap_or(len),
            Tag::Plaintext | Tag::Form | Tag::Hr | Tag::Xmp => p(),
            _ if kind.closes_p() => p(),
            _ => len,
        }
    }

    /// A start tag that is kept.
    fn start(&mut self, kind: Tag, tag: &StartTag<'a, '_>, attributes: usize) {
        loop {
            let tree = &mut self.tree;
            match tree.mode() {
                Mode::Body => return self.start_in_body(kind, tag, attributes),
                Mode::Table => return self.start_in_table(kind, tag, attributes),
                Mode::Cell | Mode::Caption if !kind.is_table_part() => {
                    return self.start_in_body(kind, tag, attributes);
                }
                Mode::Cell => {
                    let Some(cell) =
                        tree.in_scope(Scope::Table, |o| matches!(o.tag, Tag::Td | Tag::Th))
                    else {
                        return;
                    };
                    close_to(tree, cell);
                }
                Mode::Caption => {
                    let Some(caption) = tree.in_table_scope(Tag::Caption) else {
                        return;
                    };
                    close_to(tree, caption);
                }
                Mode::ColumnGroup => match kind {
                    Tag::Col | Tag::Html => return,
                    Tag::Template => return self.start_in_body(kind, tag, attributes),
                    _ if tree.top() == Some(Tag::Colgroup) => tree.pop(),
                    _ => return,
                },
                Mode::Row => match kind {
                    Tag::Td | Tag::Th => {
                        tree.pop_until_current(&[Tag::Tr, Tag::Template]);
                        let id = tree.push(kind, kind.name());
                        return tree.push_marker(id);
                    }
                    _ if kind.is_table_part() => {
                        if tree.in_table_scope(Tag::Tr).is_none() {
                            return;
                        }
                        tree.pop_until_current(&[Tag::Tr, Tag::Template]);
                        tree.pop();
                    }
                    _ => return self.start_in_table(kind, tag, attributes),
                },
                Mode::TableBody => match kind {
                    Tag::Tr | Tag::Td | Tag::Th => {
                        tree.pop_until_current(&[
                            Tag::Tbody,
                            Tag::Tfoot,
                            Tag::Thead,
                            Tag::Template,
                        ]);
                        tree.push(Tag::Tr, Tag::Tr.name());
                        if kind == Tag::Tr {
                            return;
                        }
                    }
                    _ if kind.is_table_part() => {
                        let outer = |o: &super::tree::Open<'_>| {
                            matches!(o.tag, Tag::Table | Tag::Tbody | Tag::Tfoot)
                        };
                        if tree.in_scope(Scope::Table, outer).is_none() {
                            return;
                        }
                        tree.pop_until_current(&[
                            Tag::Tbody,
                            Tag::Tfoot,
                            Tag::Thead,
                            Tag::Template,
                        ]);
                        tree.pop();
                    }
                    _ => return self.start_in_table(kind, tag, attributes),
                },
            }
        }
    }

    fn start_in_table(&mut self, kind: Tag, tag: &StartTag<'a, '_>, attributes: usize) {
        let tree = &mut self.tree;
        let table_context = [Tag::Table, Tag::Template];
        match kind {
            Tag::Caption => {
                tree.pop_until_current(&table_context);
                let id = tree.push(kind, kind.name());
                tree.push_marker(id);
            }
            Tag::Colgroup | Tag::Col => {
                tree.pop_until_current(&table_context);
                tree.push(Tag::Colgroup, Tag::Colgroup.name());
            }
            Tag::Tbody | Tag::Tfoot | Tag::Thead => {
                tree.pop_until_current(&table_context);
                tree.push(kind, kind.name());
            }
            Tag::Td | Tag::Th | Tag::Tr => {
                tree.pop_until_current(&table_context);
                tree.push(Tag::Tbody, Tag::Tbody.name());
                self.start(kind, tag, attributes);
            }
            Tag::Table => {
                if let Some(table) = tree.in_table_scope(Tag::Table) {
                    tree.pop_to(table);
                    self.start(kind, tag, attributes);
                }
            }
            Tag::Style | Tag::Script => {}
            Tag::Input
                if input_type(tag, self.html)
                    .is_some_and(|t| t.eq_ignore_ascii_case(b"hidden")) => {}
            Tag::Form => {
                if tree.form.is_none() {
                    tree.form = Some(tree.create_closed());
                }
            }
            _ => self.start_in_body(kind, tag, attributes),
        }
    }
}

/// Whether the tag may open an element (an over-estimate is safe).
fn pushes(kind: Tag, mode: Mode) -> bool {
    let ignored = matches!(kind, Tag::Html | Tag::Body | Tag::Head | Tag::Frame)
        || (kind.is_table_part() && mode == Mode::Body);
    let raw = matches!(
        kind.content(),
        super::tags::Content::Raw | super::tags::Content::Script
    );
    // `<plaintext>` is never cut: what follows it is text only with it.
    !(kind.is_void() || raw || ignored || kind == Tag::Plaintext)
}

fn is_table_mode(mode: Mode) -> bool {
    matches!(
        mode,
        Mode::Table | Mode::TableBody | Mode::Row | Mode::ColumnGroup
    )
}

/// Closes a cell or a caption at `index`: pops it and clears the list to its marker.
fn close_to(tree: &mut Tree<'_>, index: usize) {
    tree.pop_implied(None);
    tree.pop_to(index);
    tree.clear_to_marker();
}

impl<'a> Model<'a> {
    /// "In body" (and what table modes hand over to it: a table's stray contents
    /// are moved out in front of it, but opened on the stack all the same).
    fn start_in_body(&mut self, kind: Tag, tag: &StartTag<'a, '_>, attributes: usize) {
        let tree = &mut self.tree;
        match kind {
            Tag::Html | Tag::Body | Tag::Head | Tag::Frame | Tag::Frameset => {}
            _ if kind.is_table_part() => {}
            Tag::Area | Tag::Br | Tag::Embed | Tag::Img | Tag::Image | Tag::Keygen | Tag::Wbr => {
                tree.reconstruct();
            }
            Tag::Input => {
                if let Some(select) = tree.tag_in_scope(Scope::Default, Tag::Select) {
                    tree.pop_to(select);
                }
                tree.reconstruct();
            }
            Tag::Hr => {
                close_p(tree);
                if tree.tag_in_scope(Scope::Default, Tag::Select).is_some() {
                    tree.pop_implied(None);
                }
            }
            _ if kind.is_void() => {}
            Tag::Xmp => {
                close_p(tree);
                tree.reconstruct();
            }
            _ if !pushes(kind, Mode::Body) => {}
            Tag::Template => {
                let id = tree.push(kind, tag.name);
                tree.push_marker(id);
            }
            Tag::Svg | Tag::Math => {
                tree.reconstruct();
                if !tag.self_closing {
                    tree.push(kind, tag.name);
                }
            }
            Tag::Form => {
                if tree.form.is_none() {
                    close_p(tree);
                    let id = tree.push(kind, tag.name);
                    tree.form = Some(id);
                }
            }
            Tag::Li | Tag::Dd | Tag::Dt => {
                if let Some(index) = self.list_item_to_close(kind) {
                    let tree = &mut self.tree;
                    tree.pop_implied(Some(tree.stack[index].tag));
                    tree.pop_to(index);
                }
                close_p(&mut self.tree);
                self.tree.push(kind, tag.name);
            }
            Tag::Plaintext => {
                close_p(tree);
                tree.push(kind, tag.name);
            }
            _ if kind.closes_p() => {
                close_p(tree);
                if kind.is_heading() && tree.top().is_some_and(Tag::is_heading) {
                    tree.pop();
                }
                tree.push(kind, tag.name);
            }
            _ if kind.is_formatting() => self.start_formatting(kind, tag, attributes),
            _ => self.start_other_in_body(kind, tag),
        }
    }

    fn start_formatting(&mut self, kind: Tag, tag: &StartTag<'a, '_>, attributes: usize) {
        let tree = &mut self.tree;
        match kind {
            Tag::A => {
                // An `<a>` inside another closes it.
                if let Some(a) = tree.last_listed(Tag::A) {
                    tree.adoption_agency(Tag::A);
                    tree.unlist(a);
                    if let Some(index) = tree.stack_index(a) {
                        tree.remove(index);
                    }
                }
                tree.reconstruct();
            }
            Tag::Nobr => {
                tree.reconstruct();
                if tree.tag_in_scope(Scope::Default, Tag::Nobr).is_some() {
                    if !tree.adoption_agency(Tag::Nobr) {
                        self.end_other(kind, tag.name);
                    }
                    self.tree.reconstruct();
                }
            }
            _ => tree.reconstruct(),
        }
        self.tree.push_formatting(kind, tag.name, attributes);
    }

    fn start_other_in_body(&mut self, kind: Tag, tag: &StartTag<'a, '_>) {
        let tree = &mut self.tree;
        let in_ruby = |tree: &Tree<'_>| tree.tag_in_scope(Scope::Default, Tag::Ruby).is_some();
        match kind {
            Tag::Button => {
                if let Some(button) = tree.tag_in_scope(Scope::Default, Tag::Button) {
                    tree.pop_implied(None);
                    tree.pop_to(button);
                }
                tree.reconstruct();
            }
            Tag::Applet | Tag::Marquee | Tag::Object => {
                tree.reconstruct();
                let id = tree.push(kind, tag.name);
                return tree.push_marker(id);
            }
            Tag::Table => {}
            Tag::Select => match tree.tag_in_scope(Scope::Default, Tag::Select) {
                // A `<select>` in a `<select>` only closes it.
                Some(select) => return tree.pop_to(select),
                None => tree.reconstruct(),
            },
            Tag::Option | Tag::Optgroup => {
                if tree.tag_in_scope(Scope::Default, Tag::Select).is_some() {
                    tree.pop_implied((kind == Tag::Option).then_some(Tag::Optgroup));
                } else if tree.top() == Some(Tag::Option) {
                    tree.pop();
                }
                tree.reconstruct();
            }
            Tag::Rb | Tag::Rtc if in_ruby(tree) => tree.pop_implied(None),
            Tag::Rp | Tag::Rt if in_ruby(tree) => tree.pop_implied(Some(Tag::Rtc)),
            Tag::Rb | Tag::Rtc | Tag::Rp | Tag::Rt => {}
            _ => tree.reconstruct(),
        }
        tree.push(kind, tag.name);
    }

    /// The `<li>` (or `<dd>`, `<dt>`) a new one closes: the innermost, unless an
    /// element of the special category other than `<address>`, `<div>`, `<p>` is
    /// in between.
    fn list_item_to_close(&self, kind: Tag) -> Option<usize> {
        for (index, open) in self.tree.stack.iter().enumerate().rev() {
            let closes = match kind {
                Tag::Li => open.tag == Tag::Li,
                _ => matches!(open.tag, Tag::Dd | Tag::Dt),
            };
            if closes {
                return Some(index);
            }
            if open.tag.is_special() && !matches!(open.tag, Tag::Address | Tag::Div | Tag::P) {
                return None;
            }
        }
        None
    }

    fn end(&mut self, kind: Tag, name: &[u8]) {
        loop {
            let again = match self.tree.mode() {
                Mode::Body => return self.end_in_body(kind, name),
                Mode::Table => return self.end_in_table(kind, name),
                Mode::Cell | Mode::Caption | Mode::ColumnGroup => self.end_in_cell(kind, name),
                Mode::Row | Mode::TableBody => self.end_in_rows(kind, name),
            };
            if !again {
                return;
            }
        }
    }

    /// An end tag in a cell, a caption or a column group; true when it closed one
    /// and is to be read again in the table.
    fn end_in_cell(&mut self, kind: Tag, name: &[u8]) -> bool {
        let tree = &mut self.tree;
        let cell =
            |tree: &Tree<'_>| tree.in_scope(Scope::Table, |o| matches!(o.tag, Tag::Td | Tag::Th));
        match (tree.mode(), kind) {
            (Mode::Cell, Tag::Td | Tag::Th) => {
                if let Some(cell) = tree.in_table_scope(kind) {
                    close_to(tree, cell);
                }
                false
            }
            (Mode::Cell, Tag::Table | Tag::Tbody | Tag::Tfoot | Tag::Thead | Tag::Tr) => {
                let Some(cell) = tree.in_table_scope(kind).and_then(|_| cell(tree)) else {
                    return false;
                };
                close_to(tree, cell);
                true
            }
            (Mode::Cell, Tag::Caption | Tag::Col | Tag::Colgroup) => false,
            (Mode::Caption, Tag::Caption | Tag::Table) => {
                let Some(caption) = tree.in_table_scope(Tag::Caption) else {
                    return false;
                };
                close_to(tree, caption);
                kind == Tag::Table
            }
            (Mode::Caption, _) if kind.is_table_part() => false,
            (Mode::ColumnGroup, Tag::Template) => {
                self.end_in_body(kind, name);
                false
            }
            (Mode::ColumnGroup, _) => {
                let closes = tree.top() == Some(Tag::Colgroup);
                if closes && kind != Tag::Col {
                    tree.pop();
                }
                closes && !matches!(kind, Tag::Colgroup | Tag::Col)
            }
            (_, Tag::Body | Tag::Html) => false,
            _ => {
                self.end_in_body(kind, name);
                false
            }
        }
    }

    /// An end tag in a row or a row group; true when it closed one and is to be
    /// read again in what holds it.
    fn end_in_rows(&mut self, kind: Tag, name: &[u8]) -> bool {
        let tree = &mut self.tree;
        let row = tree.mode() == Mode::Row;
        match kind {
            Tag::Tr | Tag::Table | Tag::Tbody | Tag::Tfoot | Tag::Thead if row => {
                if tree.in_table_scope(kind).is_none() || tree.in_table_scope(Tag::Tr).is_none() {
                    return false;
                }
                tree.pop_until_current(&[Tag::Tr, Tag::Template]);
                tree.pop();
                kind != Tag::Tr
            }
            Tag::Tbody | Tag::Tfoot | Tag::Thead | Tag::Table => {
                let found = match kind {
                    Tag::Table => tree.in_scope(Scope::Table, |o| {
                        matches!(o.tag, Tag::Table | Tag::Tbody | Tag::Tfoot)
                    }),
                    _ => tree.in_table_scope(kind),
                };
                if found.is_none() {
                    return false;
                }
                tree.pop_until_current(&[Tag::Tbody, Tag::Tfoot, Tag::Thead, Tag::Template]);
                tree.pop();
                kind == Tag::Table
            }
            _ if kind.is_table_part() || matches!(kind, Tag::Body | Tag::Html) => false,
            _ => {
                self.end_in_table(kind, name);
                false
            }
        }
    }

    fn end_in_table(&mut self, kind: Tag, name: &[u8]) {
        match kind {
            Tag::Table => {
                if let Some(table) = self.tree.in_table_scope(Tag::Table) {
                    self.tree.pop_to(table);
                }
            }
            Tag::Body | Tag::Html => {}
            _ if kind.is_table_part() => {}
            _ => self.end_in_body(kind, name),
        }
    }

    fn end_in_body(&mut self, kind: Tag, name: &[u8]) {
        let tree = &mut self.tree;
        let pop_in_scope = |tree: &mut Tree<'_>, scope: Scope, tag: Tag| {
            if let Some(index) = tree.tag_in_scope(scope, tag) {
                tree.pop_to(index);
            }
        };
        match kind {
            Tag::Body | Tag::Html => {}
            _ if kind.closes_in_scope() => pop_in_scope(tree, Scope::Default, kind),
            Tag::P => pop_in_scope(tree, Scope::Button, kind),
            Tag::Li => pop_in_scope(tree, Scope::ListItem, kind),
            Tag::Dd | Tag::Dt => pop_in_scope(tree, Scope::Default, kind),
            _ if kind.is_heading() => {
                if let Some(index) = tree.in_scope(Scope::Default, |o| o.tag.is_heading()) {
                    tree.pop_to(index);
                }
            }
            Tag::Form => {
                let Some(form) = tree.form.take() else {
                    return;
                };
                if tree.in_scope(Scope::Default, |o| o.id == form).is_some() {
                    tree.pop_implied(None);
                    if let Some(index) = tree.stack_index(form) {
                        tree.remove(index);
                    }
                }
            }
            _ if kind.is_formatting() => {
                if !tree.adoption_agency(kind) {
                    self.end_other(kind, name);
                }
            }
            Tag::Applet | Tag::Marquee | Tag::Object | Tag::Template => {
                let scope = match kind {
                    Tag::Template => tree.stack.iter().rposition(|o| o.tag == kind),
                    _ => tree.tag_in_scope(Scope::Default, kind),
                };
                if let Some(index) = scope {
                    tree.pop_to(index);
                    tree.clear_to_marker();
                }
            }
            // `</br>` is read as `<br>`.
            Tag::Br => tree.reconstruct(),
            _ => self.end_other(kind, name),
        }
    }

    /// "Any other end tag": closes the innermost element of that name, unless an
    /// element of the special category is in between.
    fn end_other(&mut self, kind: Tag, name: &[u8]) {
        let tree = &mut self.tree;
        for index in (0..tree.stack.len()).rev() {
            let open = tree.stack[index];
            if open.tag == kind && (kind != Tag::Other || open.name.eq_ignore_ascii_case(name)) {
                return tree.pop_to(index);
            }
            if open.tag.is_special() {
                return;
            }
        }
    }

    fn note_deeper(&mut self, name: &[u8]) {
        let name = name.to_ascii_lowercase();
        *self.deeper_count.entry(name.clone()).or_default() += 1;
        self.deeper.push(name);
    }

    /// Whether the end tag matches a start tag cut at the depth bound (and so is cut).
    fn take_deeper(&mut self, name: &[u8]) -> bool {
        if self.deeper.is_empty() {
            return false;
        }
        let name = name.to_ascii_lowercase();
        if self.deeper_count.get(&name).copied().unwrap_or(0) == 0 {
            return false;
        }
        while let Some(cut) = self.deeper.pop() {
            if let Some(count) = self.deeper_count.get_mut(&cut) {
                *count = count.saturating_sub(1);
            }
            if cut == name {
                break;
            }
        }
        true
    }

    /// Once the tree builder closes an element, the start tags cut inside it are
    /// closed too: no end tag is cut for them any more.
    fn forget_deeper(&mut self) {
        if self.tree.pops > 0 {
            self.tree.pops = 0;
            if !self.deeper.is_empty() {
                self.deeper.clear();
                self.deeper_count.clear();
            }
        }
    }

    fn note_cut_formatting(&mut self, kind: Tag) {
        match self.cut_formatting.iter_mut().find(|(tag, _)| *tag == kind) {
            Some((_, count)) => *count += 1,
            None => self.cut_formatting.push((kind, 1)),
        }
    }

    fn take_cut_formatting(&mut self, kind: Tag) -> bool {
        match self.cut_formatting.iter_mut().find(|(tag, _)| *tag == kind) {
            Some((_, count)) if *count > 0 => {
                *count -= 1;
                true
            }
            _ => false,
        }
    }
}

/// "Close a p element" if one is in button scope.
fn close_p(tree: &mut Tree<'_>) {
    if let Some(p) = tree.tag_in_scope(Scope::Button, Tag::P) {
        tree.pop_to(p);
    }
}

/// The value of a tag's first `type` attribute (later ones are dropped as repeats).
fn input_type<'h>(tag: &StartTag<'_, '_>, html: &'h [u8]) -> Option<&'h [u8]> {
    tag.attributes
        .iter()
        .find(|a| html[a.name.start..a.name.end].eq_ignore_ascii_case(b"type"))
        .map(|a| &html[a.value.start..a.value.end])
}
