//! Parsed frameworks by content hash, shared by every request of a server:
//! a framework never changes under its hash, and parsing one (its tagger
//! included) costs tens of milliseconds, far more than reading a team.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use leap_core::Framework;
use leap_store::Backend;

use crate::{AppError, Result};

#[derive(Clone, Default)]
pub struct Frameworks(Arc<Mutex<HashMap<String, Arc<Framework>>>>);

impl Frameworks {
    /// The framework with this content hash, parsed once.
    pub async fn get(&self, store: &dyn Backend, hash: &str) -> Result<Arc<Framework>> {
        if let Some(f) = self.0.lock().ok().and_then(|m| m.get(hash).cloned()) {
            return Ok(f);
        }
        let text = store.framework_text(hash).await?;
        let f = Arc::new(
            Framework::load(&text.id, &text.content)
                .map_err(|e| AppError::Internal(format!("stored framework invalid: {e}")))?,
        );
        if let Ok(mut m) = self.0.lock() {
            m.insert(hash.to_owned(), f.clone());
        }
        Ok(f)
    }
}
