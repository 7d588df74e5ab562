//! Ordered parallel work with bounded memory.
//!
//! Workers take inputs in order and analyse them on their own threads; the
//! calling thread receives the results strictly in input order and writes
//! them out. At most `window` results exist at any time, so memory depends
//! on the size of a few files, not on how many files a run checks.
//!
//! Scoped std threads rather than a rayon pool: `--threads N` then means N
//! workers for this run, and nothing global has to be built exactly once.

use std::collections::VecDeque;
use std::ops::ControlFlow;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Condvar, Mutex, MutexGuard};

/// How many results may wait for the writer per worker thread.
const RESULTS_PER_WORKER: usize = 4;

/// A work item whose worker panicked: a defect, reported for that one input
/// while the rest of the run goes on.
#[derive(Debug)]
pub struct Crashed {
    pub message: String,
}

struct Queue<R> {
    /// Index of the next input a worker may take.
    next: usize,
    /// Index of the next result the writer hands on.
    emitted: usize,
    /// Results for inputs `emitted..`, `None` while still being worked on.
    pending: VecDeque<Option<Result<R, Crashed>>>,
    /// Set when the writer stops early (closed pipe).
    stopped: bool,
}

struct Shared<R> {
    queue: Mutex<Queue<R>>,
    /// Signalled when a worker may take more input.
    room: Condvar,
    /// Signalled when a result is ready.
    ready: Condvar,
}

impl<R> Shared<R> {
    fn lock(&self) -> MutexGuard<'_, Queue<R>> {
        // A poisoned lock only means a worker panicked while holding it; the
        // queue itself stays consistent because panics are caught outside.
        self.queue.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The number of worker threads: `requested`, or one per core.
pub fn thread_count(requested: Option<usize>) -> usize {
    requested.filter(|&n| n > 0).unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
}

/// Runs `work` on every item using `threads` workers and passes the results
/// to `sink`, with their index, in item order. `sink` returning `Break` stops the run early.
pub fn run_ordered<T, R, W, S>(items: &[T], threads: usize, work: W, mut sink: S)
where
    T: Sync,
    R: Send,
    W: Fn(usize, &T) -> R + Sync,
    S: FnMut(usize, Result<R, Crashed>) -> ControlFlow<()>,
{
    if items.is_empty() {
        return;
    }
    let threads = threads.clamp(1, items.len());
    if threads == 1 {
        // One worker: no thread to hand each result over to, no lock and
        // no wake-up per file; work and write in turn on this thread.
        for (index, item) in items.iter().enumerate() {
            if sink(index, run_caught(&work, index, item)).is_break() {
                return;
            }
        }
        return;
    }
    let window = threads * RESULTS_PER_WORKER;
    let shared = Shared {
        queue: Mutex::new(Queue { next: 0, emitted: 0, pending: VecDeque::new(), stopped: false }),
        room: Condvar::new(),
        ready: Condvar::new(),
    };
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| worker(items, window, &work, &shared));
        }
        writer(items.len(), &shared, &mut sink);
    });
}

/// `work` on one item, a panic caught as [`Crashed`].
fn run_caught<T, R, W>(work: &W, index: usize, item: &T) -> Result<R, Crashed>
where
    W: Fn(usize, &T) -> R,
{
    catch_unwind(AssertUnwindSafe(|| work(index, item))).map_err(|payload| Crashed {
        message: payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into()),
    })
}

fn worker<T, R, W>(items: &[T], window: usize, work: &W, shared: &Shared<R>)
where
    W: Fn(usize, &T) -> R,
{
    loop {
        let index = {
            let mut q = shared.lock();
            while !q.stopped && q.next < items.len() && q.next >= q.emitted + window {
                q = shared.room.wait(q).unwrap_or_else(|e| e.into_inner());
            }
            if q.stopped || q.next >= items.len() {
                return;
            }
            q.next += 1;
            q.pending.push_back(None);
            q.next - 1
        };
        let result = run_caught(work, index, &items[index]);
        let mut q = shared.lock();
        let slot = index - q.emitted;
        q.pending[slot] = Some(result);
        if slot == 0 {
            shared.ready.notify_one();
        }
    }
}

fn writer<R, S>(count: usize, shared: &Shared<R>, sink: &mut S)
where
    S: FnMut(usize, Result<R, Crashed>) -> ControlFlow<()>,
{
    for index in 0..count {
        let result = {
            let mut q = shared.lock();
            while !matches!(q.pending.front(), Some(Some(_))) {
                q = shared.ready.wait(q).unwrap_or_else(|e| e.into_inner());
            }
            q.emitted += 1;
            let result = q.pending.pop_front().flatten();
            shared.room.notify_all();
            result
        };
        let Some(result) = result else { continue };
        if sink(index, result).is_break() {
            shared.lock().stopped = true;
            shared.room.notify_all();
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_arrive_in_order_whatever_the_thread_count() {
        let items: Vec<u64> = (0..500).collect();
        for threads in [1, 2, 3, 8] {
            let mut seen = Vec::new();
            run_ordered(
                &items,
                threads,
                |_, &n| {
                    // Uneven work so that workers finish out of order.
                    std::thread::sleep(std::time::Duration::from_micros((n * 7919) % 200));
                    n * 2
                },
                |_, r| {
                    seen.push(r.unwrap());
                    ControlFlow::Continue(())
                },
            );
            assert_eq!(seen, items.iter().map(|n| n * 2).collect::<Vec<_>>(), "threads = {threads}");
        }
    }

    #[test]
    fn a_panicking_item_is_reported_and_the_rest_go_on() {
        let items: Vec<u32> = (0..20).collect();
        let mut crashed = Vec::new();
        let mut done = 0;
        // Silence the default hook's message for this expected panic.
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        run_ordered(
            &items,
            2,
            |_, &n| {
                assert!(n != 7, "item seven");
                n
            },
            |_, r| {
                match r {
                    Ok(_) => done += 1,
                    Err(c) => crashed.push(c.message),
                }
                ControlFlow::Continue(())
            },
        );
        std::panic::set_hook(hook);
        assert_eq!(done, 19);
        assert_eq!(crashed, vec!["item seven".to_string()]);
    }

    #[test]
    fn break_stops_early_without_hanging() {
        let items: Vec<u32> = (0..10_000).collect();
        let mut taken = 0;
        run_ordered(
            &items,
            2,
            |_, &n| n,
            |_, _| {
                taken += 1;
                if taken == 5 { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
            },
        );
        assert_eq!(taken, 5);
    }

    #[test]
    fn thread_counts() {
        assert_eq!(thread_count(Some(3)), 3);
        assert!(thread_count(None) >= 1);
        assert!(thread_count(Some(0)) >= 1);
    }
}
