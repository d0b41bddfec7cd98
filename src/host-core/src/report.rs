//! `--report json`: what a run came to, as one line of JSON that ends standard output, for tools
//! (`make faults` reads it, as this `Report`). For example, a fault and then a healthy fresh
//! instance:
//!
//! `{"entry":"panic","returned":false,"error":"the guest reached …","engine_error":"wasm trap: …",
//! "then":{"entry":"healthy","returned":["42"],"error":null}}`
use crate::guest::{Guest, Trap};
use crate::value::Value;
use anyhow::Result;
use serde::{Deserialize, Serialize};

/// What ENTRY came to, and `--then`'s export, if it ran.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub entry: String,
    /// Whether ENTRY returned (its values are printed above the report).
    pub returned: bool,
    /// If it did not: the host's words (the trap it was, or else the outermost message).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// If it did not: the engine's own error at the bottom (see `Guest::engine_error`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub engine_error: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub then: Option<Then>,
}

/// What `--then`'s export came to on a fresh instance: its values, or the whole error chain.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Then {
    pub entry: String,
    pub returned: Option<Vec<String>>,
    pub error: Option<String>,
}

impl Report {
    /// The report of ENTRY's `outcome` on `guest`, and of `--then`'s export, if it ran.
    pub fn new(
        guest: &impl Guest,
        entry: &str,
        outcome: &Result<()>,
        then: Option<(&str, &Result<Vec<Value>>)>,
    ) -> Report {
        let error = outcome.as_ref().err();
        Report {
            entry: entry.to_string(),
            returned: outcome.is_ok(),
            error: error.map(in_words),
            engine_error: error.map(|error| guest.engine_error(error)),
            then: then.map(|(then, returned)| Then {
                entry: then.to_string(),
                returned: returned
                    .as_ref()
                    .ok()
                    .map(|values| values.iter().map(Value::to_string).collect()),
                error: returned.as_ref().err().map(|error| format!("{:#}", error)),
            }),
        }
    }
}

/// The host's words for `error`: the trap it was, or else its outermost message.
fn in_words(error: &anyhow::Error) -> String {
    error
        .downcast_ref::<Trap>()
        .map_or_else(|| error.to_string(), Trap::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::{anyhow, bail};
    use serde_json::json;

    struct Faulty;

    impl Guest for Faulty {
        fn call(&mut self, _: &str, _: &[Value]) -> Result<Vec<Value>> {
            bail!("not called")
        }
        fn memory(&mut self) -> Result<&mut [u8]> {
            bail!("no memory")
        }
        fn fresh_instance(&mut self) -> Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_fault_is_reported_in_the_hosts_words_and_the_engines() {
        let fault = Err(anyhow!("wasm trap: integer divide by zero")
            .context(Trap::DivideByZero)
            .context("call 1 of 2"));
        let healthy = Ok(vec![Value::I32(42)]);
        let report = Report::new(&Faulty, "divide", &fault, Some(("healthy", &healthy)));
        assert_eq!(
            serde_json::to_value(&report).unwrap(),
            json!({
                "entry": "divide",
                "returned": false,
                "error": "the guest divided an integer by zero",
                "engine_error": "wasm trap: integer divide by zero",
                "then": { "entry": "healthy", "returned": ["42"], "error": null },
            })
        );
        let line = serde_json::to_string(&report).unwrap();
        assert_eq!(serde_json::from_str::<Report>(&line).unwrap(), report);
    }

    #[test]
    fn an_error_that_is_no_trap_is_reported_by_its_outermost_message() {
        let error = Err(anyhow!("inner").context("outer"));
        let report = Report::new(&Faulty, "f", &error, None);
        assert_eq!(report.error.as_deref(), Some("outer"));
        assert_eq!(report.engine_error.as_deref(), Some("inner"));
        assert!(report.then.is_none());
    }

    #[test]
    fn a_return_has_no_error() {
        let report = Report::new(&Faulty, "f", &Ok(()), None);
        assert_eq!(
            serde_json::to_value(&report).unwrap(),
            json!({ "entry": "f", "returned": true })
        );
    }
}
