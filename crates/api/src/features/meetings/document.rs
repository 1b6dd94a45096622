//! The protocol as a Word document: the domain's paragraphs (seed 002's sequence,
//! SEED-GAPS 4.4) written through the shared printed-form blocks.

use crate::docs::form::{Align, Block};
use tutornet_domain::meetings::protocol::{self, Para};
use tutornet_domain::meetings::Meeting;

pub(super) fn blocks(m: &Meeting) -> Vec<Block> {
    protocol::paragraphs(m)
        .into_iter()
        .map(|p| match p {
            Para::Blank => Block::Blank,
            Para::Signature(l, r) => Block::Signature(l, r),
            Para::Text(a, spans) => Block::Rich(
                match a {
                    protocol::Align::Centre => Align::Centre,
                    protocol::Align::Left => Align::Left,
                    protocol::Align::Justify => Align::Justify,
                },
                spans
                    .into_iter()
                    .map(|s| (s.text, s.bold, s.italic))
                    .collect(),
            ),
        })
        .collect()
}
