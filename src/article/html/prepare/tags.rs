//! The element names the tree builder treats apart, and the sets it names them in
//! (html5ever 0.39's `tag_sets.rs` and `rules.rs`): every other name is `Other`.

macro_rules! tags {
    ($($tag:ident = $name:literal,)*) => {
        #[derive(Clone, Copy, PartialEq, Eq, Debug)]
        pub(super) enum Tag {
            $($tag,)*
            Other,
        }

        impl Tag {
            /// The tag named `name`, in any case (the tokenizer lowercases ASCII only).
            pub(super) fn of(name: &[u8]) -> Tag {
                let mut lower = [0u8; 12];
                let Some(lower) = lower.get_mut(..name.len()) else {
                    return Tag::Other;
                };
                for (l, b) in lower.iter_mut().zip(name) {
                    *l = b.to_ascii_lowercase();
                }
                match &*lower {
                    $($name => Tag::$tag,)*
                    _ => Tag::Other,
                }
            }

            /// The name of a known tag (empty for `Other`).
            pub(super) fn name(self) -> &'static [u8] {
                match self {
                    $(Tag::$tag => $name,)*
                    Tag::Other => b"",
                }
            }
        }
    };
}

tags! {
    A = b"a", Address = b"address", Applet = b"applet", Area = b"area", Article = b"article",
    Aside = b"aside", B = b"b", Base = b"base", Basefont = b"basefont", Bgsound = b"bgsound",
    Big = b"big", Blockquote = b"blockquote", Body = b"body", Br = b"br", Button = b"button",
    Caption = b"caption", Center = b"center", Code = b"code", Col = b"col",
    Colgroup = b"colgroup", Dd = b"dd", Details = b"details", Dialog = b"dialog", Dir = b"dir",
    Div = b"div", Dl = b"dl", Dt = b"dt", Em = b"em", Embed = b"embed", Fieldset = b"fieldset",
    Figcaption = b"figcaption", Figure = b"figure", Font = b"font", Footer = b"footer",
    Form = b"form", Frame = b"frame", Frameset = b"frameset", H1 = b"h1", H2 = b"h2",
    H3 = b"h3", H4 = b"h4", H5 = b"h5", H6 = b"h6", Head = b"head", Header = b"header",
    Hgroup = b"hgroup", Hr = b"hr", Html = b"html", I = b"i", Iframe = b"iframe",
    Image = b"image", Img = b"img", Input = b"input", Isindex = b"isindex", Keygen = b"keygen",
    Li = b"li", Link = b"link", Listing = b"listing", Main = b"main", Marquee = b"marquee",
    Math = b"math", Menu = b"menu", Meta = b"meta", Nav = b"nav", Nobr = b"nobr",
    Noembed = b"noembed", Noframes = b"noframes", Noscript = b"noscript", Object = b"object",
    Ol = b"ol", Optgroup = b"optgroup", Option = b"option", P = b"p", Param = b"param",
    Plaintext = b"plaintext", Pre = b"pre", Rb = b"rb", Rp = b"rp", Rt = b"rt", Rtc = b"rtc",
    Ruby = b"ruby", S = b"s", Script = b"script", Search = b"search", Section = b"section",
    Select = b"select", Small = b"small", Source = b"source", Strike = b"strike",
    Strong = b"strong", Style = b"style", Summary = b"summary", Svg = b"svg", Table = b"table",
    Tbody = b"tbody", Td = b"td", Template = b"template", Textarea = b"textarea",
    Tfoot = b"tfoot", Th = b"th", Thead = b"thead", Title = b"title", Tr = b"tr",
    Track = b"track", Tt = b"tt", U = b"u", Ul = b"ul", Wbr = b"wbr", Xmp = b"xmp",
}

use Tag::*;

/// How the tokenizer reads what follows a start tag.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Content {
    /// Markup.
    Markup,
    /// Text up to the element's own end tag (`<title>`, `<style>` …).
    Raw,
    /// Script text, whose end tag an HTML comment inside it can hide.
    Script,
    /// Text to the end of the page.
    Plaintext,
    /// Markup the pre-pass drops whole, up to the matching end tag: drawings and
    /// formulas (foreign content, parsed by other rules) and templates (inert).
    Dropped,
}

impl Tag {
    pub(super) fn content(self) -> Content {
        match self {
            Title | Textarea | Style | Xmp | Iframe | Noembed | Noframes | Noscript => Content::Raw,
            Script => Content::Script,
            Plaintext => Content::Plaintext,
            Svg | Math | Template => Content::Dropped,
            _ => Content::Markup,
        }
    }

    /// The "special" category: a generic end tag does not close past one.
    pub(super) fn is_special(self) -> bool {
        SPECIAL[self as usize]
    }

    /// Formatting elements, which the list of active formatting elements reopens.
    pub(super) fn is_formatting(self) -> bool {
        FORMATTING[self as usize]
    }

    pub(super) fn is_heading(self) -> bool {
        matches!(self, H1 | H2 | H3 | H4 | H5 | H6)
    }

    /// Elements "generate implied end tags" closes.
    pub(super) fn has_implied_end(self) -> bool {
        IMPLIED_END[self as usize]
    }

    /// Elements that close a `<p>` in button scope before they open.
    pub(super) fn closes_p(self) -> bool {
        CLOSES_P[self as usize]
    }

    /// End tags closed by "is it in scope? then pop until it".
    pub(super) fn closes_in_scope(self) -> bool {
        CLOSES_IN_SCOPE[self as usize]
    }

    /// Elements with no content: inserted and popped at once.
    pub(super) fn is_void(self) -> bool {
        VOID[self as usize]
    }

    /// The parts of a table, which outside one are ignored.
    pub(super) fn is_table_part(self) -> bool {
        matches!(
            self,
            Caption | Col | Colgroup | Tbody | Td | Tfoot | Th | Thead | Tr
        )
    }
}

/// A set of tags, looked up by the tag's number.
type TagSet = [bool; Other as usize + 1];

const fn set(tags: &[Tag]) -> TagSet {
    let mut set = [false; Other as usize + 1];
    let mut i = 0;
    while i < tags.len() {
        set[tags[i] as usize] = true;
        i += 1;
    }
    set
}

const SPECIAL: TagSet = set(&[
    Address, Applet, Area, Article, Aside, Base, Basefont, Bgsound, Blockquote, Body, Br, Button,
    Caption, Center, Col, Colgroup, Dd, Details, Dir, Div, Dl, Dt, Embed, Fieldset, Figcaption,
    Figure, Footer, Form, Frame, Frameset, H1, H2, H3, H4, H5, H6, Head, Header, Hgroup, Hr, Html,
    Iframe, Img, Input, Isindex, Li, Link, Listing, Main, Marquee, Menu, Meta, Nav, Noembed,
    Noframes, Noscript, Object, Ol, P, Param, Plaintext, Pre, Script, Section, Select, Source,
    Style, Summary, Table, Tbody, Td, Template, Textarea, Tfoot, Th, Thead, Title, Tr, Track, Ul,
    Wbr, Xmp,
]);

const FORMATTING: TagSet = set(&[
    A, B, Big, Code, Em, Font, I, Nobr, S, Small, Strike, Strong, Tt, U,
]);

const IMPLIED_END: TagSet = set(&[Dd, Dt, Li, Option, Optgroup, P, Rb, Rp, Rt, Rtc]);

const CLOSES_P: TagSet = set(&[
    Address, Article, Aside, Blockquote, Center, Details, Dialog, Dir, Div, Dl, Fieldset,
    Figcaption, Figure, Footer, Header, Hgroup, Main, Menu, Nav, Ol, P, Search, Section, Summary,
    Ul, Pre, Listing, H1, H2, H3, H4, H5, H6,
]);

const CLOSES_IN_SCOPE: TagSet = set(&[
    Address, Article, Aside, Blockquote, Button, Center, Details, Dialog, Dir, Div, Dl, Fieldset,
    Figcaption, Figure, Footer, Header, Hgroup, Listing, Main, Menu, Nav, Ol, Pre, Search, Section,
    Select, Summary, Ul,
]);

const VOID: TagSet = set(&[
    Area, Base, Basefont, Bgsound, Br, Embed, Hr, Image, Img, Input, Keygen, Link, Meta, Param,
    Source, Track, Wbr,
]);

/// The scopes of "has an element in scope": the elements a search stops at.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Scope {
    Default,
    ListItem,
    Button,
    Table,
}

impl Scope {
    pub(super) fn stops_at(self, tag: Tag) -> bool {
        let default = matches!(
            tag,
            Applet | Caption | Html | Table | Td | Th | Marquee | Object | Select | Template
        );
        match self {
            Scope::Default => default,
            Scope::ListItem => default || matches!(tag, Ol | Ul),
            Scope::Button => default || tag == Button,
            Scope::Table => matches!(tag, Html | Table | Template),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_read_in_any_case() {
        assert_eq!(Tag::of(b"DiV"), Div);
        assert_eq!(Tag::of(b"blockquote"), Blockquote);
        assert_eq!(Tag::of(b"blockquotes"), Other);
        assert_eq!(Tag::of(b"a-very-long-custom-name"), Other);
        assert_eq!(Tag::of(b""), Other);
        assert_eq!(Tag::of(b"figcaption").name(), b"figcaption");
    }
}
