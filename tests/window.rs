//! The real window, in its own process on a virtual X display (Xvfb), typed into with
//! xdotool and stopped the way a logout or shutdown stops it: nothing typed is lost, and the
//! demo leaves nothing behind. `.ci/run` installs Xvfb and xdotool; where they are missing
//! outside CI these tests say so and pass.
#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a failing test should stop at once")]

mod common;

use lero_evidence::domain::standards::StatementKey;
use lero_evidence::workspace::Workspace;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A virtual X display, stopped when dropped.
struct Display {
    server: Child,
    name: String,
}

impl Drop for Display {
    fn drop(&mut self) {
        let _ = self.server.kill();
        let _ = self.server.wait();
    }
}

fn installed(tool: &str) -> bool {
    Command::new("sh").args(["-c", &format!("command -v {tool}")]).output().is_ok_and(|o| o.status.success())
}

/// Starts Xvfb on a display of its own, or says why not (and fails in CI, which installs it).
fn display(slot: u32) -> Option<Display> {
    if !installed("Xvfb") || !installed("xdotool") {
        assert!(std::env::var_os("CI").is_none(), "CI must install xvfb and xdotool (see .ci/run)");
        eprintln!("skipped: Xvfb and xdotool are not installed (apt-get install xvfb xdotool)");
        return None;
    }
    let number = 40 + slot * 7 + std::process::id() % 5 * 100;
    let name = format!(":{number}");
    let server = Command::new("Xvfb")
        .args([name.as_str(), "-screen", "0", "1280x860x24", "-nolisten", "tcp"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("Xvfb starts");
    let socket = PathBuf::from(format!("/tmp/.X11-unix/X{number}"));
    let started = Instant::now();
    while !socket.exists() {
        assert!(started.elapsed() < Duration::from_secs(20), "Xvfb never opened {name}");
        std::thread::sleep(Duration::from_millis(50));
    }
    Some(Display { server, name })
}

/// Starts the window with `args` on `display`, its home, settings and temporary folder in
/// `home`, and waits until its first frame is on screen.
fn window(display: &Display, home: &Path, args: &[&str]) -> Child {
    let tmp = home.join("tmp");
    std::fs::create_dir_all(&tmp).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_lero-evidence"))
        .args(args)
        .env("DISPLAY", &display.name)
        .env_remove("WAYLAND_DISPLAY")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("TMPDIR", &tmp)
        .env("LERO_EVIDENCE_STARTUP_REPORT", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the app starts");
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("window-stderr".into())
        .spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        })
        .unwrap();
    let started = Instant::now();
    loop {
        let left = Duration::from_secs(90).saturating_sub(started.elapsed());
        match rx.recv_timeout(left) {
            Ok(line) if line.starts_with("startup:") => break,
            Ok(_) => {}
            Err(_) => {
                let _ = child.kill();
                panic!("the window never drew its first frame");
            }
        }
    }
    // A few more frames: the place the window reopens at, and the focus it gives.
    std::thread::sleep(Duration::from_millis(1500));
    child
}

fn xdotool(display: &Display, args: &[&str]) -> String {
    let out = Command::new("xdotool").args(args).env("DISPLAY", &display.name).output().expect("xdotool runs");
    assert!(out.status.success(), "xdotool {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Sends `signal` to the window and waits for it to close by itself.
fn stop(child: &mut Child, signal: &str) {
    let sent = Command::new("kill").args([format!("-{signal}"), child.id().to_string()]).status().unwrap();
    assert!(sent.success());
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "the window closed with {status} after SIG{signal}");
            return;
        }
        if started.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            panic!("the window did not close after SIG{signal}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn text_typed_just_before_the_system_stops_the_window_is_there_after_reopening() {
    let Some(display) = display(0) else { return };
    let dir = common::temp();
    let path = dir.path().join("ws.lero");
    let id = {
        let ws = Workspace::open(&path).unwrap();
        common::organisation(&ws, "Zoë's Place", false);
        let id = ws.new_account(&StatementKey::new("clero-chime", "2021-22", "C1"), "Fridays", "").unwrap();
        // The window reopens where it was left: in this account's editor.
        ws.remember_window_place(&format!("{{\"Account\":{id}}}")).unwrap();
        id
    };
    for (signal, typed) in [("TERM", "We meet on Fridays."), ("HUP", " Tea is at seven."), ("INT", " All welcome.")] {
        let mut child = window(&display, dir.path(), &["--db", path.to_str().unwrap()]);
        let id_of_window = xdotool(&display, &["search", "--sync", "--name", "LERO Evidence"]);
        let w = id_of_window.lines().next().unwrap().to_owned();
        xdotool(&display, &["windowfocus", "--sync", &w]);
        xdotool(&display, &["type", "--delay", "15", typed]);
        // At once: well inside the half second after which typing is saved anyway.
        stop(&mut child, signal);
        let body = Workspace::open(&path).unwrap().account(id).unwrap().body;
        assert!(body.ends_with(typed), "after SIG{signal} the text is {body:?}");
    }
    let body = Workspace::open(&path).unwrap().account(id).unwrap().body;
    assert_eq!(body, "We meet on Fridays. Tea is at seven. All welcome.");
}

#[test]
fn the_demo_leaves_no_files_when_stopped_and_clears_those_a_crash_left() {
    let Some(display) = display(1) else { return };
    let dir = common::temp();
    let tmp = dir.path().join("tmp");
    std::fs::create_dir_all(&tmp).unwrap();
    // What a demo stopped by a power cut leaves: its file, its log, its unheld lock.
    for suffix in ["", "-wal", "-open"] {
        std::fs::write(tmp.join(format!("lero-evidence-demo-4242-1.lero{suffix}")), b"left").unwrap();
    }
    let demos = || {
        let mut names: Vec<String> = std::fs::read_dir(&tmp)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("lero-evidence-demo-"))
            .collect();
        names.sort();
        names
    };
    let mut child = window(&display, dir.path(), &["--demo"]);
    let open = demos();
    assert!(!open.iter().any(|n| n.contains("-4242-")), "the abandoned demo was cleared: {open:?}");
    assert!(
        open.iter().any(|n| Path::new(n).extension().is_some_and(|e| e == "lero")),
        "the demo's own file is there while it is open: {open:?}"
    );
    stop(&mut child, "TERM");
    assert_eq!(demos(), Vec::<String>::new(), "nothing of the demo is left");
}
