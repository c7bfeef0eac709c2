//! Statements as the exports name and order them: each set version looked up once, a
//! statement named by its set, section and title, and listed in its set's order.

use super::Workspace;
use crate::domain::standards::{StandardSet, StatementKey};
use std::collections::HashMap;
use std::sync::Arc;

/// Where a statement sits and what it is called, looked up once per set version.
pub(super) struct Statements<'w> {
    ws: &'w Workspace,
    sets: HashMap<(String, String), Option<Arc<StandardSet>>>,
}

/// A statement as the sheets name it.
#[derive(Clone)]
pub(super) struct Named {
    /// "CLERO recovery framework (CHIME) · version 2021-22".
    pub(super) set: String,
    /// Its section's title.
    pub(super) section: String,
    /// Its title.
    pub(super) title: String,
    /// Its place in the set, for ordering.
    pub(super) position: usize,
}

impl<'w> Statements<'w> {
    /// Nothing looked up yet.
    pub(super) fn new(ws: &'w Workspace) -> Self {
        Statements { ws, sets: HashMap::new() }
    }

    /// The statement as the exports name it; a statement whose set is gone is named by its
    /// set's id and version, and comes last.
    pub(super) fn named(&mut self, key: &StatementKey) -> Named {
        let ws = self.ws;
        let set = self
            .sets
            .entry((key.set_id.clone(), key.version.clone()))
            .or_insert_with(|| ws.store.shared_set(&key.set_id, &key.version).ok())
            .clone();
        let Some(set) = set else {
            return Named {
                set: format!("{} · version {}", key.set_id, key.version),
                section: String::new(),
                title: String::new(),
                position: usize::MAX,
            };
        };
        let found = set.statements().enumerate().find(|(_, (_, _, s))| s.code == key.code);
        Named {
            set: crate::layout::set_label(&set.title, &set.version),
            section: found.map(|(_, (_, section, _))| section.title.clone()).unwrap_or_default(),
            title: found.map(|(_, (_, _, s))| s.title.clone()).unwrap_or_default(),
            position: found.map_or(usize::MAX, |(i, _)| i),
        }
    }

    /// The order statements are listed in: by set, version and place in the set.
    pub(super) fn order(&mut self, key: &StatementKey) -> (String, String, usize) {
        (key.set_id.clone(), key.version.clone(), self.named(key).position)
    }
}
