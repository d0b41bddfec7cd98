//! `--report json`: what a run came to, as one line of JSON that ends standard output, for tools
//! (`make faults` reads it). For example, a fault and then a healthy fresh instance:
//!
//! `{"entry":"panic","returned":false,"error":"the guest reached …","engine_error":"wasm trap: …",
//! "then":{"entry":"healthy","returned":["42"],"error":null}}`
use crate::guest::{Guest, Trap};
use crate::value::Value;
use anyhow::Result;
use serde_json::{json, Value as Json};

/// The report of ENTRY's `outcome` on `guest`, and of `--then`'s export, if it ran.
pub fn json(
    guest: &impl Guest,
    entry: &str,
    outcome: &Result<()>,
    then: Option<(&str, &Result<Vec<Value>>)>,
) -> String {
    let mut report = json!({ "entry": entry, "returned": outcome.is_ok() });
    if let Err(error) = outcome {
        report["error"] = json!(in_words(error));
        report["engine_error"] = json!(guest.engine_error(error));
    }
    if let Some((then, returned)) = then {
        report["then"] = match returned {
            Ok(values) => json!({
                "entry": then,
                "returned": values.iter().map(Value::to_string).collect::<Vec<_>>(),
                "error": Json::Null,
            }),
            Err(error) => {
                json!({ "entry": then, "returned": Json::Null, "error": format!("{:#}", error) })
            }
        };
    }
    report.to_string()
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
        let report: Json = serde_json::from_str(&json(
            &Faulty,
            "divide",
            &fault,
            Some(("healthy", &healthy)),
        ))
        .unwrap();
        assert_eq!(
            report,
            json!({
                "entry": "divide",
                "returned": false,
                "error": "the guest divided an integer by zero",
                "engine_error": "wasm trap: integer divide by zero",
                "then": { "entry": "healthy", "returned": ["42"], "error": null },
            })
        );
    }

    #[test]
    fn an_error_that_is_no_trap_is_reported_by_its_outermost_message() {
        let error = Err(anyhow!("inner").context("outer"));
        let report: Json = serde_json::from_str(&json(&Faulty, "f", &error, None)).unwrap();
        assert_eq!(report["error"], "outer");
        assert_eq!(report["engine_error"], "inner");
        assert!(report.get("then").is_none());
    }

    #[test]
    fn a_return_has_no_error() {
        let report: Json = serde_json::from_str(&json(&Faulty, "f", &Ok(()), None)).unwrap();
        assert_eq!(report, json!({ "entry": "f", "returned": true }));
    }
}
