//! Slow work off the frame, one way for all of it (exports, backups, file dialogs, spelling
//! suggestions): each task runs on a named thread of its own, which asks egui for a repaint
//! when it ends, so the frame that follows finds the result without any timer.

use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// Work running on its own thread, giving one result.
#[derive(Debug)]
pub struct Task<T> {
    rx: Receiver<T>,
}

/// What a look at a task found.
#[derive(Debug, PartialEq, Eq)]
pub enum Poll<T> {
    /// Still working.
    Running,
    /// Done, with its result.
    Done(T),
    /// The thread ended without a result (it failed part-way).
    Lost,
}

/// Asks for a repaint when the worker ends, however it ends.
struct RepaintOnDrop(egui::Context);

impl Drop for RepaintOnDrop {
    fn drop(&mut self) {
        self.0.request_repaint();
    }
}

impl<T: Send + 'static> Task<T> {
    /// Starts `work` on a thread called `name`; says why when no thread could be started.
    pub fn spawn(ctx: &egui::Context, name: &str, work: impl FnOnce() -> T + Send + 'static) -> std::io::Result<Self> {
        let (tx, rx) = channel();
        let repaint = RepaintOnDrop(ctx.clone());
        std::thread::Builder::new().name(name.into()).spawn(move || {
            let _repaint = repaint;
            let _ = tx.send(work());
        })?;
        Ok(Self { rx })
    }

    /// Waits on a thread started elsewhere (`rx` gives its one result), on a thread of its
    /// own so that the window is still told when it ends.
    pub fn wait_on(ctx: &egui::Context, name: &str, rx: Receiver<T>) -> std::io::Result<Task<Option<T>>> {
        Task::spawn(ctx, name, move || rx.recv().ok())
    }
}

impl<T> Task<T> {
    /// Takes the result if the work is done; never waits.
    pub fn poll(&self) -> Poll<T> {
        match self.rx.try_recv() {
            Ok(result) => Poll::Done(result),
            Err(TryRecvError::Empty) => Poll::Running,
            Err(TryRecvError::Disconnected) => Poll::Lost,
        }
    }
}

/// Tasks each started for something (a screen, say), looked at together.
#[derive(Debug)]
pub struct Tasks<K, T> {
    running: Vec<(K, Task<T>)>,
}

impl<K, T> Default for Tasks<K, T> {
    fn default() -> Self {
        Self { running: Vec::new() }
    }
}

impl<K: Copy + PartialEq, T> Tasks<K, T> {
    /// Keeps `task`, started for `owner`.
    pub fn push(&mut self, owner: K, task: Task<T>) {
        self.running.push((owner, task));
    }

    /// Starts `work` on a thread called `name` for `owner` and keeps it; says why when no
    /// thread could be started.
    pub fn spawn(
        &mut self,
        ctx: &egui::Context,
        owner: K,
        name: &str,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> std::io::Result<()>
    where
        T: Send + 'static,
    {
        self.push(owner, Task::spawn(ctx, name, work)?);
        Ok(())
    }

    /// Whether nothing is running.
    pub fn is_empty(&self) -> bool {
        self.running.is_empty()
    }

    /// The tasks that ended since the last look, each with what it was started for; the rest
    /// keep running.
    pub fn finished(&mut self) -> Vec<(K, Option<T>)> {
        let mut done = Vec::new();
        self.running.retain(|(owner, task)| match task.poll() {
            Poll::Running => true,
            Poll::Done(result) => {
                done.push((*owner, Some(result)));
                false
            }
            Poll::Lost => {
                done.push((*owner, None));
                false
            }
        });
        done
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    fn wait_for<K: Copy + PartialEq, T>(tasks: &mut Tasks<K, T>) -> Vec<(K, Option<T>)> {
        let started = Instant::now();
        loop {
            let done = tasks.finished();
            if !done.is_empty() || started.elapsed() > Duration::from_secs(10) {
                return done;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    #[test]
    fn a_finished_task_is_reported_to_what_started_it_alone() {
        let ctx = egui::Context::default();
        let (go, wait) = channel::<()>();
        let mut tasks = Tasks::default();
        tasks.push("report", Task::spawn(&ctx, "slow", move || wait.recv().map(|()| 2)).unwrap());
        tasks.push("accounts", Task::spawn(&ctx, "quick", || Ok(1)).unwrap());
        assert_eq!(wait_for(&mut tasks), vec![("accounts", Some(Ok(1)))]);
        go.send(()).unwrap();
        assert_eq!(wait_for(&mut tasks), vec![("report", Some(Ok(2)))]);
        assert!(tasks.running.is_empty());
    }

    #[test]
    fn a_task_that_fails_part_way_is_lost_not_running() {
        let ctx = egui::Context::default();
        let mut tasks = Tasks::default();
        #[allow(clippy::panic)]
        let task = Task::spawn(&ctx, "failing", || -> u8 { panic!("part-way") }).unwrap();
        tasks.push(1, task);
        assert_eq!(wait_for(&mut tasks), vec![(1, None)]);
    }

    #[test]
    fn the_worker_asks_for_a_repaint_when_done() {
        let ctx = egui::Context::default();
        let task = Task::spawn(&ctx, "repaint", || 7).unwrap();
        let started = Instant::now();
        while task.poll() == Poll::Running && started.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_millis(5));
        }
        assert!(ctx.has_requested_repaint());
    }
}
