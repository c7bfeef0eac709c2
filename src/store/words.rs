//! The workspace's own word list, which the spelling check accepts as well as the dictionary.

use super::{Result, Store};

impl Store {
    /// Every word in the list, sorted.
    pub fn words(&self) -> Result<Vec<String>> {
        self.all("SELECT word FROM word ORDER BY word COLLATE NOCASE, word", [], |r| r.get(0))
    }

    /// Adds words (one transaction); a word already there, in any case, is left as it is.
    /// Returns how many were new.
    pub fn add_words(&mut self, words: &[String]) -> Result<usize> {
        self.immediate(|tx| {
        let mut added = 0;
        {
            // The check ignores case, so the list keeps one spelling of each word.
            let mut stmt = tx.prepare(
                "INSERT INTO word (word) SELECT ?1 WHERE NOT EXISTS (SELECT 1 FROM word WHERE word = ?1 COLLATE NOCASE)",
            )?;
            for w in words {
                added += stmt.execute([w])?;
            }
        }
        Ok(added)
        })
    }

    /// Takes a word off the list, in whatever case it was added; returns whether it was there.
    pub fn remove_word(&self, word: &str) -> Result<bool> {
        Ok(self.conn.execute("DELETE FROM word WHERE word = ?1 COLLATE NOCASE", [word])? > 0)
    }
}
