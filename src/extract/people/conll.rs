//! Reading the CoNLL-2003 named-entity files, for evaluating and training the person
//! extractor (`examples/eval_people.rs`, `examples/train_people.rs`).
//!
//! Each document becomes article-like text: the tokens of a sentence are joined back
//! with spaces (no space before closing punctuation, none after an opening bracket) and
//! each sentence is a paragraph of its own, as in the archive layout. Person (`PER`)
//! entities become byte spans of that text. The tags are IOB1: an entity starts at a
//! `B-PER`, or at an `I-PER` that does not follow `B-PER`/`I-PER`.

/// One CoNLL document as text, with the byte spans of its person names.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub text: String,
    /// Byte spans of the gold person names, in text order.
    pub people: Vec<(usize, usize)>,
    /// Byte span of every sentence (paragraph) in `text`.
    pub sentences: Vec<(usize, usize)>,
}

impl Document {
    /// Each sentence as a document of its own.
    pub fn split_sentences(&self) -> Vec<Document> {
        self.sentences
            .iter()
            .map(|&(start, end)| Document {
                text: self.text[start..end].to_string(),
                people: self
                    .people
                    .iter()
                    .filter(|&&(a, b)| start <= a && b <= end)
                    .map(|&(a, b)| (a - start, b - start))
                    .collect(),
                sentences: vec![(0, end - start)],
            })
            .collect()
    }
}

/// Splits a CoNLL file into documents (at `-DOCSTART-` lines).
pub fn read_documents(content: &str) -> Vec<Document> {
    let mut documents = Vec::new();
    let mut current = Document::default();
    let mut sentence: Vec<(&str, &str)> = Vec::new();
    for line in content.lines().chain(std::iter::once("")) {
        let line = line.trim_end();
        if line.starts_with("-DOCSTART-") {
            push_sentence(&mut current, &mut sentence);
            if !current.text.is_empty() {
                documents.push(std::mem::take(&mut current));
            }
            continue;
        }
        if line.is_empty() {
            push_sentence(&mut current, &mut sentence);
            continue;
        }
        let mut fields = line.split_whitespace();
        let word = fields.next().unwrap_or("");
        let tag = fields.last().unwrap_or("O");
        sentence.push((word, tag));
    }
    push_sentence(&mut current, &mut sentence);
    if !current.text.is_empty() {
        documents.push(current);
    }
    documents
}

fn no_space_before(word: &str) -> bool {
    matches!(
        word,
        "," | "." | ";" | ":" | "?" | "!" | ")" | "]" | "}" | "'s" | "'S" | "n't" | "%"
    )
}

fn push_sentence(document: &mut Document, sentence: &mut Vec<(&str, &str)>) {
    if sentence.is_empty() {
        return;
    }
    if !document.text.is_empty() {
        document.text.push_str("\n\n");
    }
    let sentence_start = document.text.len();
    let mut previous_tag = "O";
    let mut previous_word = "";
    for (position, &(word, tag)) in sentence.iter().enumerate() {
        let glue = position == 0 || no_space_before(word) || matches!(previous_word, "(" | "[");
        if !glue {
            document.text.push(' ');
        }
        let start = document.text.len();
        document.text.push_str(word);
        let end = document.text.len();
        if tag.ends_with("-PER") {
            let continues = tag == "I-PER" && previous_tag.ends_with("-PER");
            match document.people.last_mut() {
                Some(last) if continues => last.1 = end,
                _ => document.people.push((start, end)),
            }
        }
        previous_tag = tag;
        previous_word = word;
    }
    document
        .sentences
        .push((sentence_start, document.text.len()));
    sentence.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "-DOCSTART- -X- -X- O

Nadim NNP I-NP I-PER
Ladki NNP I-NP I-PER
met VBD I-VP O
Smith NNP I-NP I-PER
Jones NNP I-NP B-PER
's POS B-NP O
friend NN I-NP O
( ( O O
Ali NNP I-NP I-PER
) ) O O
. . O O

-DOCSTART- -X- -X- O

Two CD I-NP O
";

    #[test]
    fn reads_iob1_person_spans() {
        let documents = read_documents(SAMPLE);
        assert_eq!(documents.len(), 2);
        let document = &documents[0];
        assert_eq!(document.text, "Nadim Ladki met Smith Jones's friend (Ali).");
        let names: Vec<&str> = document
            .people
            .iter()
            .map(|&(start, end)| &document.text[start..end])
            .collect();
        assert_eq!(names, ["Nadim Ladki", "Smith", "Jones", "Ali"]);
        assert_eq!(documents[1].text, "Two");
        let sentences = documents[0].split_sentences();
        assert_eq!(sentences.len(), 1);
        assert_eq!(sentences[0].people, document.people);
    }
}
