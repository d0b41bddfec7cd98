//! The process's watchdog: one thread that stops the calls past their deadline (`guest::with_timeout`
//! arms it around each call). Each thread arms and disarms calls in a shard of its own, which only
//! the watchdog shares, so that workers running calls at once do not wait for one another; and the
//! watchdog sleeps until the earliest deadline, woken only by a call armed with an earlier one, so
//! that it takes no CPU from the workers between deadlines. (A single list under one lock, and a
//! look every millisecond, made two workers queue for the lock and the watchdog's wake-ups: a
//! profile of `make load` found nearly every futex call of the process there.)
use std::marker::PhantomData;
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicU64, Ordering::SeqCst};
use std::sync::{Arc, Condvar, Mutex, Weak};
use std::thread::Thread;
use std::time::{Duration, Instant};

/// A call armed on this thread, its number in the thread's shard; dropping it disarms the call,
/// whether the call returned or panicked. It stays on the thread that armed it.
pub struct Armed(u64, PhantomData<*const ()>);

impl Drop for Armed {
    /// Forgets the call once a `stop` of it in progress is done: no `stop` runs once its call is
    /// disarmed.
    fn drop(&mut self) {
        SHARD.with(|shard| shard.disarm(self.0));
    }
}

/// Arms the watchdog for a call on this thread: `stop` runs once `deadline` has passed, unless the
/// call is disarmed first.
pub fn arm(deadline: Instant, stop: Box<dyn FnOnce() + Send>) -> Armed {
    let id = SHARD.with(|shard| shard.arm(deadline, stop));
    // The watchdog wakes for it if it would sleep past it (see `Watchdog::watch`).
    if WATCHDOG.at(deadline) < WATCHDOG.next_look.load(SeqCst) {
        WATCHDOG.thread.unpark();
    }
    Armed(id, PhantomData)
}

lazy_static::lazy_static! {
    static ref WATCHDOG: Watchdog = Watchdog::start();
}

thread_local! {
    static SHARD: Arc<Shard> = WATCHDOG.register();
}

struct Watchdog {
    /// Every thread's shard, while the thread lives.
    shards: Mutex<Vec<Weak<Shard>>>,
    /// When the watchdog will next look, in nanoseconds from `base`; `u64::MAX` while no call is
    /// armed.
    next_look: AtomicU64,
    base: Instant,
    thread: Thread,
}

/// One thread's calls under a timeout, and those of them being stopped.
#[derive(Default)]
struct Shard {
    calls: Mutex<Calls>,
    stopped: Condvar,
}

#[derive(Default)]
struct Calls {
    next_id: u64,
    armed: Vec<Call>,
    stopping: Vec<u64>,
}

struct Call {
    id: u64,
    deadline: Instant,
    stop: Box<dyn FnOnce() + Send>,
}

impl Watchdog {
    fn start() -> Watchdog {
        let thread = std::thread::spawn(|| WATCHDOG.watch());
        Watchdog {
            shards: Mutex::new(Vec::new()),
            next_look: AtomicU64::new(u64::MAX),
            base: Instant::now(),
            thread: thread.thread().clone(),
        }
    }

    /// `instant` in nanoseconds from `base`.
    fn at(&self, instant: Instant) -> u64 {
        instant.saturating_duration_since(self.base).as_nanos() as u64
    }

    fn register(&self) -> Arc<Shard> {
        let shard = Arc::new(Shard::default());
        let mut shards = self.shards.lock().unwrap();
        shards.retain(|shard| shard.strong_count() > 0);
        shards.push(Arc::downgrade(&shard));
        shard
    }

    fn shards(&self) -> Vec<Arc<Shard>> {
        let shards = self.shards.lock().unwrap();
        shards.iter().filter_map(Weak::upgrade).collect()
    }

    /// The watchdog thread: stops what is overdue, then sleeps until the earliest deadline (or
    /// until a call is armed, if none is). `next_look` is set before the shards are read again:
    /// a call armed meanwhile is either seen there, or sees `next_look` and wakes the watchdog.
    fn watch(&self) {
        loop {
            let now = Instant::now();
            for shard in self.shards() {
                shard.stop_overdue(now);
            }
            let earliest = || {
                let shards = self.shards();
                let next = shards.iter().filter_map(|shard| shard.earliest()).min();
                (next, next.map_or(u64::MAX, |next| self.at(next)))
            };
            let (next, next_at) = earliest();
            self.next_look.store(next_at, SeqCst);
            if earliest().1 < next_at {
                continue;
            }
            // From now, not from before the stops, which may have taken a while.
            let now = Instant::now();
            match next {
                Some(next) => std::thread::park_timeout(
                    next.saturating_duration_since(now)
                        .max(Duration::from_micros(50)),
                ),
                None => std::thread::park(),
            }
        }
    }
}

impl Shard {
    fn arm(&self, deadline: Instant, stop: Box<dyn FnOnce() + Send>) -> u64 {
        let mut calls = self.calls.lock().unwrap();
        let id = calls.next_id;
        calls.next_id += 1;
        calls.armed.push(Call { id, deadline, stop });
        id
    }

    fn disarm(&self, id: u64) {
        let mut calls = self.calls.lock().unwrap();
        if let Some(at) = calls.armed.iter().position(|call| call.id == id) {
            calls.armed.swap_remove(at);
        }
        while calls.stopping.contains(&id) {
            calls = self.stopped.wait(calls).unwrap();
        }
    }

    fn earliest(&self) -> Option<Instant> {
        let calls = self.calls.lock().unwrap();
        calls.armed.iter().map(|call| call.deadline).min()
    }

    /// Stops the calls past their deadline at `now`, outside the lock (Lucet's `KillSwitch` waits
    /// for the guest to stop).
    fn stop_overdue(&self, now: Instant) {
        let mut overdue = Vec::new();
        let mut calls = self.calls.lock().unwrap();
        let mut at = 0;
        while at < calls.armed.len() {
            if calls.armed[at].deadline <= now {
                let call = calls.armed.swap_remove(at);
                calls.stopping.push(call.id);
                overdue.push(call);
            } else {
                at += 1;
            }
        }
        if overdue.is_empty() {
            return;
        }
        drop(calls);
        let ids: Vec<u64> = overdue.iter().map(|call| call.id).collect();
        // A `stop` that panics stops nothing more: the watchdog lives on, and its call is
        // released below all the same.
        for call in overdue {
            let _ = panic::catch_unwind(AssertUnwindSafe(call.stop));
        }
        let mut calls = self.calls.lock().unwrap();
        calls.stopping.retain(|id| !ids.contains(id));
        self.stopped.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guest::with_timeout;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::mpsc;

    /// A call armed with an earlier deadline than the one the watchdog sleeps towards wakes it:
    /// with a call of a minute armed on another thread, one of 20 ms is still stopped, well
    /// within the few seconds allowed here.
    #[test]
    fn an_earlier_deadline_wakes_the_watchdog() {
        let (armed, wait_armed) = mpsc::channel();
        let (finish, wait_finish) = mpsc::channel::<()>();
        let long = std::thread::spawn(move || {
            let _armed = arm(Instant::now() + Duration::from_secs(60), Box::new(|| {}));
            armed.send(()).unwrap();
            wait_finish.recv().unwrap();
        });
        wait_armed.recv().unwrap();
        // The watchdog looks, and goes to sleep until the minute is up.
        std::thread::sleep(Duration::from_millis(50));
        let (stopped, wait_stopped) = mpsc::channel();
        let short = arm(
            Instant::now() + Duration::from_millis(20),
            Box::new(move || stopped.send(()).unwrap()),
        );
        let stop = wait_stopped.recv_timeout(Duration::from_secs(5));
        drop(short);
        finish.send(()).unwrap();
        long.join().unwrap();
        assert!(stop.is_ok(), "the 20 ms call was not stopped within 5 s");
    }

    /// A call that panics is disarmed as it unwinds: its `stop` never runs afterwards. (Its
    /// deadline leaves the panic hook time to print, a backtrace with RUST_BACKTRACE=1 among it:
    /// until it unwinds, the call is still running.)
    #[test]
    fn a_call_that_panics_is_disarmed() {
        let stopped = Arc::new(AtomicBool::new(false));
        let flag = stopped.clone();
        let stop = move || flag.store(true, Ordering::SeqCst);
        let unwound = panic::catch_unwind(|| {
            with_timeout(Some(Duration::from_secs(1)), stop, || panic!("the call"))
        });
        assert!(unwound.is_err());
        std::thread::sleep(Duration::from_millis(1500));
        assert!(
            !stopped.load(Ordering::SeqCst),
            "a stop ran after its call had ended"
        );
    }
}
