//! What html5ever's tree builder will hold while it reads the prepared page: its
//! stack of open elements and its list of active formatting elements, kept by the
//! same algorithms (WHATWG "tree construction"; html5ever 0.39 `tree_builder`), on
//! names only. `rules.rs` says which algorithm each token runs.
//!
//! The model leaves out what the tree builder does not need to bound: `<html>`,
//! `<head>` and `<body>` (never on the model's stack: its bottom is the root), quirks
//! mode (a `<table>` is taken not to close a `<p>`, which only makes the model
//! deeper), and the tree itself.

use super::tags::{Scope, Tag};

/// An element on the stack of open elements.
#[derive(Clone, Copy)]
pub(super) struct Open<'a> {
    pub(super) tag: Tag,
    /// As written, for `Tag::Other` (compared in any case).
    pub(super) name: &'a [u8],
    pub(super) id: usize,
    /// The insertion mode while this element is the innermost of those that set one.
    pub(super) mode: Mode,
}

/// The insertion modes a page in the body can be in ("reset the insertion mode
/// appropriately" derives them from the stack, and so does the model).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Mode {
    Body,
    Table,
    TableBody,
    Row,
    Cell,
    Caption,
    ColumnGroup,
}

/// An entry of the list of active formatting elements.
#[derive(Clone, Copy)]
enum Entry {
    /// Pushed with a cell, a caption, an `<object>`, `<applet>` or `<marquee>`.
    Marker { id: usize },
    Element {
        id: usize,
        tag: Tag,
        attributes: usize,
    },
}

/// Flags of every element the tree builder creates, by id.
const OPEN: u8 = 1;
const LISTED: u8 = 2;
const MARKED: u8 = 4;

#[derive(Default)]
pub(super) struct Tree<'a> {
    pub(super) stack: Vec<Open<'a>>,
    list: Vec<Entry>,
    flags: Vec<u8>,
    /// The form element pointer: set by `<form>`, taken by `</form>`.
    pub(super) form: Option<usize>,
    /// Markers whose element is no longer open: the cell an `<object>` was in, closed
    /// while the `<object>` was open, leaves its marker behind for good.
    pub(super) stale_markers: usize,
    /// Formatting elements other than links in the list, and the attributes of all.
    listed: usize,
    listed_attributes: usize,
    /// The most elements the stack has held.
    pub(super) deepest: usize,
    /// Pops since the pre-pass last looked (it forgets cut tags below a pop).
    pub(super) pops: usize,
}

impl<'a> Tree<'a> {
    pub(super) fn mode(&self) -> Mode {
        self.stack.last().map_or(Mode::Body, |open| open.mode)
    }

    pub(super) fn top(&self) -> Option<Tag> {
        self.stack.last().map(|open| open.tag)
    }

    fn create(&mut self, flags: u8) -> usize {
        self.flags.push(flags);
        self.flags.len() - 1
    }

    fn has(&self, id: usize, flag: u8) -> bool {
        self.flags.get(id).is_some_and(|f| f & flag != 0)
    }

    fn set(&mut self, id: usize, flag: u8, on: bool) {
        if let Some(f) = self.flags.get_mut(id) {
            if on {
                *f |= flag;
            } else {
                *f &= !flag;
            }
        }
    }

    /// An element the tree builder creates and closes at once (a `<form>` in a table).
    pub(super) fn create_closed(&mut self) -> usize {
        self.create(0)
    }

    pub(super) fn push(&mut self, tag: Tag, name: &'a [u8]) -> usize {
        let id = self.create(OPEN);
        self.push_id(tag, name, id);
        id
    }

    fn push_id(&mut self, tag: Tag, name: &'a [u8], id: usize) {
        let mode = match tag {
            Tag::Td | Tag::Th => Mode::Cell,
            Tag::Tr => Mode::Row,
            Tag::Tbody | Tag::Thead | Tag::Tfoot => Mode::TableBody,
            Tag::Caption => Mode::Caption,
            Tag::Colgroup => Mode::ColumnGroup,
            Tag::Table => Mode::Table,
            _ => self.mode(),
        };
        self.stack.push(Open {
            tag,
            name,
            id,
            mode,
        });
        self.deepest = self.deepest.max(self.stack.len());
    }

    /// Takes the element at `index` off the stack.
    pub(super) fn remove(&mut self, index: usize) {
        if index >= self.stack.len() {
            return;
        }
        let open = self.stack.remove(index);
        self.closed(open.id);
    }

    fn closed(&mut self, id: usize) {
        self.set(id, OPEN, false);
        if self.has(id, MARKED) {
            self.stale_markers += 1;
        }
        self.pops += 1;
    }

    pub(super) fn pop(&mut self) {
        if let Some(open) = self.stack.pop() {
            self.closed(open.id);
        }
    }

    /// Pops until the stack holds `len` elements.
    pub(super) fn pop_to(&mut self, len: usize) {
        while self.stack.len() > len {
            self.pop();
        }
    }

    /// "Generate implied end tags", except for elements tagged `except`.
    pub(super) fn pop_implied(&mut self, except: Option<Tag>) {
        while let Some(tag) = self.top() {
            if !tag.has_implied_end() || Some(tag) == except {
                break;
            }
            self.pop();
        }
    }

    /// The index of the innermost open element that `is` picks, if nothing that
    /// `scope` stops at is above it ("has an element in scope").
    pub(super) fn in_scope(&self, scope: Scope, is: impl Fn(&Open<'_>) -> bool) -> Option<usize> {
        for (index, open) in self.stack.iter().enumerate().rev() {
            if is(open) {
                return Some(index);
            }
            if scope.stops_at(open.tag) {
                return None;
            }
        }
        None
    }

    pub(super) fn tag_in_scope(&self, scope: Scope, tag: Tag) -> Option<usize> {
        self.in_scope(scope, |open| open.tag == tag)
    }

    /// The index of the innermost element tagged `tag`, at or above the innermost
    /// table (the stack of a table's parts), if any.
    pub(super) fn in_table_scope(&self, tag: Tag) -> Option<usize> {
        self.tag_in_scope(Scope::Table, tag)
    }

    /// Pops until the current node is one of `tags` (or the root).
    pub(super) fn pop_until_current(&mut self, tags: &[Tag]) {
        let keep = self
            .stack
            .iter()
            .rposition(|open| tags.contains(&open.tag))
            .map_or(0, |i| i + 1);
        self.pop_to(keep);
    }

    pub(super) fn push_marker(&mut self, id: usize) {
        self.set(id, MARKED, true);
        self.list.push(Entry::Marker { id });
    }

    /// "Clear the list of active formatting elements up to the last marker".
    pub(super) fn clear_to_marker(&mut self) {
        while let Some(entry) = self.list.pop() {
            match entry {
                Entry::Element {
                    id,
                    tag,
                    attributes,
                } => {
                    self.set(id, LISTED, false);
                    self.count_listed(tag, attributes, false);
                }
                Entry::Marker { id } => {
                    self.set(id, MARKED, false);
                    if !self.has(id, OPEN) {
                        self.stale_markers = self.stale_markers.saturating_sub(1);
                    }
                    break;
                }
            }
        }
    }

    /// The formatting elements after the last marker.
    fn segment(&self) -> &[Entry] {
        let start = self
            .list
            .iter()
            .rposition(|e| matches!(e, Entry::Marker { .. }))
            .map_or(0, |i| i + 1);
        &self.list[start..]
    }

    /// How many formatting elements after the last marker are tagged `tag`.
    pub(super) fn listed_in_segment(&self, tag: Tag) -> usize {
        self.segment()
            .iter()
            .filter(|e| matches!(e, Entry::Element { tag: t, .. } if *t == tag))
            .count()
    }

    /// How many formatting elements other than links the list holds, and the
    /// attributes of all.
    pub(super) fn listed(&self) -> (usize, usize) {
        (self.listed, self.listed_attributes)
    }

    fn count_listed(&mut self, tag: Tag, attributes: usize, added: bool) {
        let n = usize::from(tag != Tag::A);
        if added {
            self.listed += n;
            self.listed_attributes += attributes;
        } else {
            self.listed = self.listed.saturating_sub(n);
            self.listed_attributes = self.listed_attributes.saturating_sub(attributes);
        }
    }

    /// Opens a formatting element and lists it (Noah's Ark clause left out: the
    /// pre-pass never lets three alike be listed).
    pub(super) fn push_formatting(&mut self, tag: Tag, name: &'a [u8], attributes: usize) {
        let id = self.push(tag, name);
        self.set(id, LISTED, true);
        self.count_listed(tag, attributes, true);
        self.list.push(Entry::Element {
            id,
            tag,
            attributes,
        });
    }

    /// "Reconstruct the active formatting elements": reopens, innermost last, the
    /// listed elements after the last one still open (or the last marker).
    pub(super) fn reconstruct(&mut self) {
        let first = match self.list.iter().rposition(|e| match e {
            Entry::Marker { .. } => true,
            Entry::Element { id, .. } => self.has(*id, OPEN),
        }) {
            Some(i) => i + 1,
            None => 0,
        };
        for index in first..self.list.len() {
            let Entry::Element {
                id,
                tag,
                attributes,
            } = self.list[index]
            else {
                continue;
            };
            self.set(id, LISTED, false);
            let clone = self.create(OPEN | LISTED);
            self.push_id(tag, tag.name(), clone);
            self.list[index] = Entry::Element {
                id: clone,
                tag,
                attributes,
            };
        }
    }

    fn list_position(&self, id: usize) -> Option<usize> {
        self.list.iter().position(|e| match e {
            Entry::Element { id: e, .. } => *e == id,
            Entry::Marker { .. } => false,
        })
    }

    pub(super) fn unlist(&mut self, id: usize) {
        if let Some(index) = self.list_position(id) {
            if let Entry::Element {
                tag, attributes, ..
            } = self.list.remove(index)
            {
                self.count_listed(tag, attributes, false);
            }
        }
        self.set(id, LISTED, false);
    }

    /// The last formatting element after the last marker that is tagged `tag`.
    pub(super) fn last_listed(&self, tag: Tag) -> Option<usize> {
        self.segment().iter().rev().find_map(|e| match e {
            Entry::Element { id, tag: t, .. } if *t == tag => Some(*id),
            _ => None,
        })
    }

    pub(super) fn stack_index(&self, id: usize) -> Option<usize> {
        self.stack.iter().rposition(|open| open.id == id)
    }

    /// The adoption agency algorithm for the end tag of a formatting element; false
    /// when none is listed and the end tag is to be read as any other.
    pub(super) fn adoption_agency(&mut self, subject: Tag) -> bool {
        if let Some(top) = self.stack.last() {
            if top.tag == subject && !self.has(top.id, LISTED) {
                self.pop();
                return true;
            }
        }
        for _ in 0..8 {
            let Some(formatting) = self.last_listed(subject) else {
                return false;
            };
            let Some(index) = self.stack_index(formatting) else {
                self.unlist(formatting);
                return true;
            };
            if self
                .in_scope(Scope::Default, |open| open.id == formatting)
                .is_none()
            {
                return true;
            }
            let furthest = (index + 1..self.stack.len()).find(|&i| self.stack[i].tag.is_special());
            let Some(furthest) = furthest else {
                self.pop_to(index);
                self.unlist(formatting);
                return true;
            };
            self.adopt(formatting, index, furthest);
        }
        true
    }

    /// Steps 11 to 19 of the adoption agency: the elements between the formatting
    /// element and the furthest block leave the stack unless listed (the first three
    /// listed are cloned, the rest unlisted too), and a clone of the formatting
    /// element goes in just inside the furthest block.
    fn adopt(&mut self, formatting: usize, index: usize, furthest: usize) {
        let furthest_id = self.stack[furthest].id;
        let mut node = furthest;
        let mut counter = 0;
        let mut bookmark_after: Option<usize> = None;
        let mut last_is_furthest = true;
        loop {
            counter += 1;
            node -= 1;
            let id = self.stack[node].id;
            if id == formatting || node <= index {
                break;
            }
            if counter > 3 && self.has(id, LISTED) {
                self.unlist(id);
            }
            if !self.has(id, LISTED) {
                self.remove(node);
                continue;
            }
            let clone = self.create(OPEN | LISTED);
            self.set(id, OPEN | LISTED, false);
            self.stack[node].id = clone;
            if let Some(position) = self.list_position(id) {
                if let Entry::Element { id: listed, .. } = &mut self.list[position] {
                    *listed = clone;
                }
            }
            if last_is_furthest {
                bookmark_after = Some(clone);
            }
            last_is_furthest = false;
        }
        let Some(position) = self.list_position(formatting) else {
            return;
        };
        let Entry::Element {
            tag, attributes, ..
        } = self.list[position]
        else {
            return;
        };
        let clone = self.create(OPEN | LISTED);
        let entry = Entry::Element {
            id: clone,
            tag,
            attributes,
        };
        match bookmark_after.and_then(|after| self.list_position(after)) {
            Some(after) => {
                self.list.insert(after + 1, entry);
                self.list.remove(position + usize::from(position > after));
            }
            None => self.list[position] = entry,
        }
        self.set(formatting, LISTED, false);
        if let Some(at) = self.stack_index(formatting) {
            let open = self.stack.remove(at);
            self.set(open.id, OPEN, false);
            if let Some(block) = self.stack_index(furthest_id) {
                let mut moved = open;
                moved.id = clone;
                moved.mode = self.stack[block].mode;
                self.stack.insert(block + 1, moved);
            }
        }
    }
}
