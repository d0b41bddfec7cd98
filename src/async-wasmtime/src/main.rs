//! Yield on Wasmtime: `async-wasmtime yield MODULE QUESTION`, what `migration-lucet yield` does on
//! Lucet. A host function defined with `Linker::func_wrap_async` returns a future; while it is
//! pending, the guest is suspended (on a stack of its own, a fiber), and `call_async`'s future is
//! pending too. The host polls it again when it has the answer, and the guest goes on.
use anyhow::{anyhow, Result};
use host_core::examples::Example;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use wasmtime::{Caller, Config, Engine, Linker, Module, Store};

/// The question a suspended guest asked, and the answer the host gives it.
#[derive(Default)]
struct Exchange {
    question: Option<i32>,
    answer: Option<i32>,
}

type Shared = Arc<Mutex<Exchange>>;

fn main() -> Result<()> {
    match Example::parse("async-wasmtime", &["yield"]) {
        Example::Yield { module, question } => run(&module, question),
        _ => unreachable!("not one of this program's examples"),
    }
}

// ANCHOR: hostcall
/// `hello_host.ask_host`, which the ask guest calls: a future that hands the question to the host
/// and is pending, the guest suspended, until the host has put an answer in its place.
fn ask_host<'a>(
    caller: Caller<'a, Shared>,
    (question,): (i32,),
) -> Box<dyn Future<Output = wasmtime::Result<i32>> + Send + 'a> {
    let exchange = caller.data().clone();
    exchange.lock().unwrap().question = Some(question);
    Box::new(std::future::poll_fn(move |_| {
        match exchange.lock().unwrap().answer.take() {
            Some(answer) => Poll::Ready(Ok(answer)),
            None => Poll::Pending,
        }
    }))
}
// ANCHOR_END: hostcall

fn run(module: &str, question: i32) -> Result<()> {
    let engine = Engine::new(&Config::new())?;
    let module = Module::from_file(&engine, module)?;
    let mut linker = Linker::new(&engine);
    linker.func_wrap_async("hello_host", "ask_host", ask_host)?;
    let exchange = Shared::default();
    let mut store = Store::new(&engine, exchange.clone());
    // ANCHOR: yield
    let mut run = Box::pin(async {
        let instance = linker.instantiate_async(&mut store, &module).await?;
        let ask = instance.get_typed_func::<i32, i32>(&mut store, "ask")?;
        ask.call_async(&mut store, question).await
    });
    let mut context = Context::from_waker(Waker::noop());
    let answer = loop {
        match Pin::as_mut(&mut run).poll(&mut context) {
            Poll::Ready(answer) => break answer?,
            Poll::Pending => {
                let mut exchange = exchange.lock().unwrap();
                let asked = exchange
                    .question
                    .take()
                    .ok_or_else(|| anyhow!("pending, but no question asked"))?;
                println!("the guest asked {} and is suspended", asked);
                exchange.answer = Some(asked * 6);
            }
        }
    };
    // ANCHOR_END: yield
    println!("ask returned {}", answer);
    Ok(())
}
