//! The by-hand transcripts, which a reader types in order in one shell.
use super::format::{is_by_hand, Engine, Transcript};
use anyhow::{bail, Result};
use std::path::PathBuf;

/// The by-hand transcripts of one engine (those of any engine too), in the order a reader types
/// them.
pub struct Session {
    pub engine: Engine,
    pub transcripts: Vec<Transcript>,
}

impl Session {
    /// Every engine's session of the transcripts in `paths` under `docs/transcripts/by-hand/`.
    pub fn by_hand(paths: &[PathBuf]) -> Result<Vec<Session>> {
        let mut transcripts = Vec::new();
        for path in paths.iter().filter(|path| is_by_hand(path)) {
            let transcript = Transcript::load(path)?;
            if transcript.only_if.is_some() {
                bail!(
                    "{}: a reader types every step of the tutorial: no `# only if`",
                    path.display()
                );
            }
            transcripts.push(transcript);
        }
        transcripts.sort_by(|a, b| a.path.cmp(&b.path));
        Ok([Engine::Lucet, Engine::Wasmtime]
            .into_iter()
            .map(|engine| Session {
                engine,
                transcripts: transcripts
                    .iter()
                    .filter(|t| t.engine == engine || t.engine == Engine::Any)
                    .cloned()
                    .collect(),
            })
            .collect())
    }

    /// `by-hand.lucet`, `by-hand.wasmtime`.
    pub fn name(&self) -> String {
        format!("by-hand.{}", self.engine)
    }
}
