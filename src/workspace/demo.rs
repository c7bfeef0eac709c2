//! The throwaway sample workspace behind `--demo`: a made-up LERO with a profile, a logo,
//! people, self-assessments across sections, evidence and actions.

use super::{Result, Workspace};
use crate::domain::assessment::{ActionStatus, Assessment, Stage};
use crate::domain::organisation::Organisation;
use crate::domain::signoff::Decision;
use crate::domain::standards::StatementKey;
use crate::layout::sample_prose;
use crate::store::{Action, NewEvidence, Store};

/// Draws the demo logo: a sunrise over a green hill, as a PNG.
pub fn demo_logo_png() -> Vec<u8> {
    let size = 240u32;
    let img = image::RgbaImage::from_fn(size, size, |x, y| {
        let (fx, fy) = (f64::from(x), f64::from(y));
        let sun = ((fx - 120.0).powi(2) + (fy - 140.0).powi(2)).sqrt();
        let hill = 170.0 + ((fx - 120.0) / 60.0).powi(2) * 12.0;
        if fy > hill {
            image::Rgba([46, 125, 50, 255])
        } else if sun < 62.0 {
            image::Rgba([249, 168, 37, 255])
        } else if sun < 70.0 {
            image::Rgba([255, 213, 79, 255])
        } else {
            image::Rgba([0, 0, 0, 0])
        }
    });
    let mut out = std::io::Cursor::new(Vec::new());
    // Writing a PNG to memory cannot fail for a well-formed buffer; fall back to no logo.
    if img.write_to(&mut out, image::ImageFormat::Png).is_err() {
        return Vec::new();
    }
    out.into_inner()
}

/// How a demo workspace's file name begins; the process id that made it follows.
const DEMO_PREFIX: &str = "lero-evidence-demo-";

/// Beside each demo workspace: a file its window holds locked while it is open.
pub(super) const LOCK_SUFFIX: &str = "-open";

/// Removes demo workspaces (and their `-wal`, `-shm` and lock files) left in `temp` by a
/// demo that was stopped without closing, which no longer holds its lock. A demo still open
/// in another window holds it, and is left alone.
pub fn remove_abandoned_demos(temp: &std::path::Path) {
    let Ok(entries) = std::fs::read_dir(temp) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(stem) = name.strip_prefix(DEMO_PREFIX).and_then(|rest| rest.strip_suffix(".lero")) else {
            continue;
        };
        if stem.is_empty() {
            continue;
        }
        let lock = temp.join(format!("{name}{LOCK_SUFFIX}"));
        let abandoned = match std::fs::OpenOptions::new().write(true).open(&lock) {
            Ok(file) => file.try_lock().is_ok(),
            // A demo made by an earlier version has no lock: it is abandoned once its
            // process has gone, which only the lock could tell, so it is judged by age.
            Err(_) => entry
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| t.elapsed().is_ok_and(|age| age > std::time::Duration::from_hours(24))),
        };
        if abandoned {
            for suffix in ["", "-wal", "-shm", "-journal", LOCK_SUFFIX] {
                let _ = std::fs::remove_file(temp.join(format!("{name}{suffix}")));
            }
        }
    }
}

/// Set, code, stage, rung, what we do well, what we want to develop.
type DemoAssessment = (&'static str, &'static str, Stage, Option<u8>, &'static str, &'static str);

impl Workspace {
    /// Opens a fresh copy of the demo workspace in the temporary folder; it is deleted when
    /// the workspace is closed.
    pub fn open_demo() -> Result<Self> {
        let temp = std::env::temp_dir();
        remove_abandoned_demos(&temp);
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
        let path = temp.join(format!("{DEMO_PREFIX}{}-{nanos}.lero", std::process::id()));
        let mut lock_path = path.clone().into_os_string();
        lock_path.push(LOCK_SUFFIX);
        let lock =
            std::fs::File::create(&lock_path).and_then(|f| f.try_lock().map(|()| f).map_err(std::io::Error::other));
        let mut ws = Self::over(Store::open(&path)?, true)?;
        // Without its lock the demo still opens; a later start may then take its files for
        // abandoned ones only after a day.
        ws.demo_lock = lock.ok();
        ws.ensure_builtin_sets()?;
        ws.fill_demo()?;
        Ok(ws)
    }

    fn fill_demo(&mut self) -> Result<()> {
        self.set_organisation(&Organisation {
            name: "Brighter Days Recovery Community".into(),
            email: "hello@brighterdays.example".into(),
            area: "Wirral".into(),
            formal: true,
        })?;
        self.set_logo(demo_logo_png())?;
        for (name, role, lived) in [
            ("Zoë Adebayo", "Director", true),
            ("Siobhán Ó Súilleabháin", "Peer mentor", true),
            ("Łukasz Nowak", "Volunteer coordinator", false),
            ("Dafydd Evans", "Chair of trustees", true),
        ] {
            self.add_person(name, role, lived)?;
        }
        let chime = self.newest_version("clero-chime")?.unwrap_or_default();
        let phe = self.newest_version("phe-involvement")?.unwrap_or_default();
        let assessments: [DemoAssessment; 9] = [
            (
                "clero-chime",
                "C1",
                Stage::Embedded,
                Some(6),
                "Members run four peer groups a week, including a Friday evening “Driday” social.",
                "A group for families.",
            ),
            (
                "clero-chime",
                "C2",
                Stage::Developing,
                Some(5),
                "Mentors pair with new members from their first visit.",
                "Keep in touch with people who stop coming.",
            ),
            (
                "clero-chime",
                "C4",
                Stage::Embedded,
                Some(7),
                "Members organise the community allotment and litter picks.",
                "",
            ),
            (
                "clero-chime",
                "H1",
                Stage::Developing,
                Some(4),
                "Recovery stories are shared at every welcome session.",
                "Record stories so new members can hear them.",
            ),
            ("clero-chime", "H5", Stage::Starting, Some(3), "", "Help members plan for training and work."),
            (
                "clero-chime",
                "I3",
                Stage::Starting,
                Some(4),
                "Members spoke at the council’s stigma event.",
                "A members’ media group.",
            ),
            ("clero-chime", "M2", Stage::NotYet, None, "", "Measure quality of life with members’ own words."),
            (
                "clero-chime",
                "E2",
                Stage::Developing,
                Some(5),
                "Members set their own recovery goals with a mentor.",
                "",
            ),
            ("phe-involvement", "L2", Stage::Embedded, Some(6), "Members sit on every interview panel.", ""),
        ];
        for (set, code, stage, rung, well, develop) in assessments {
            let version = if set == "clero-chime" { &chime } else { &phe };
            let key = StatementKey::new(set, version, code);
            self.save_assessment(
                &key,
                &Assessment {
                    stage: Some(stage),
                    rung,
                    well: well.into(),
                    develop: develop.into(),
                    ..Assessment::default()
                },
            )?;
        }
        let c1 = StatementKey::new("clero-chime", &chime, "C1");
        self.add_evidence(
            &c1,
            &NewEvidence {
                title: "Weekly group timetable".into(),
                date: Some("2024-09-02".into()),
                kind: "Document".into(),
                note: "Pinned in the community room and on the website.".into(),
                personal_data: false,
            },
            None,
        )?;
        self.add_evidence(
            &c1,
            &NewEvidence {
                title: "Members’ feedback from the summer survey".into(),
                date: Some("2024-08-15".into()),
                kind: "Feedback".into(),
                note: "Names removed before filing.".into(),
                personal_data: true,
            },
            None,
        )?;
        let c2 = StatementKey::new("clero-chime", &chime, "C2");
        let soon = |days: i64| {
            crate::domain::assessment::iso_date(time::OffsetDateTime::now_utc().date() + time::Duration::days(days))
        };
        self.add_action(&c2, "Phone members who have missed three weeks", "Siobhán Ó Súilleabháin", Some(&soon(14)))?;
        let friday = self.new_account(&c1, "Friday nights at the Hub", include_str!("demo/peer-support.txt"))?;
        self.sign_off(friday, "Dafydd Evans", Decision::Approved, "Reads well. Zoë should see it too.")?;
        let h1 = StatementKey::new("clero-chime", &chime, "H1");
        self.new_account(&h1, "Everything we do, in full", include_str!("demo/too-long.txt"))?;
        let m2 = StatementKey::new("clero-chime", &chime, "M2");
        self.add_action(&m2, "Try a quality-of-life check-in at monthly reviews", "Zoë Adebayo", Some(&soon(60)))?;
        Ok(())
    }
}

/// Names for made-up LEROs.
const SAMPLE_NAMES: [&str; 12] = [
    "Brighter Days",
    "Hope Street",
    "Siobhán's Circle",
    "Łukasz Café",
    "The Anchor",
    "Dafydd's Table",
    "New Leaf",
    "Zoë's Place",
    "Harbour Lights",
    "Open Door",
    "Riverside",
    "Ó Súilleabháin House",
];

/// A small square logo in a colour of its own for made-up LERO number `n`.
fn sample_logo_png(n: usize) -> Vec<u8> {
    let shade = u8::try_from((n * 37) % 200).unwrap_or(0);
    let img = image::RgbImage::from_fn(96, 96, |x, y| {
        if (x / 24 + y / 24) % 2 == 0 { image::Rgb([shade, 120, 200 - shade]) } else { image::Rgb([250, 250, 245]) }
    });
    let mut out = std::io::Cursor::new(Vec::new());
    if img.write_to(&mut out, image::ImageFormat::Png).is_err() {
        return Vec::new();
    }
    out.into_inner()
}

/// Makes signed contribution bundles from `orgs` made-up LEROs, each with a signed-off
/// account of its first `per_org` CHIME statements (at most 20), each LERO in a workspace of
/// its own in `dir` with its own key and logo. For trying the college's side, for tests and
/// for benchmarks. Returns the bundles, in order.
#[doc(hidden)]
pub fn sample_bundles(dir: &std::path::Path, orgs: usize, per_org: usize) -> Result<Vec<std::path::PathBuf>> {
    let body = include_str!("demo/peer-support.txt");
    let mut bundles = Vec::with_capacity(orgs * per_org);
    for n in 0..orgs {
        let name = match n / SAMPLE_NAMES.len() {
            0 => SAMPLE_NAMES[n].to_owned(),
            round => format!("{} {}", SAMPLE_NAMES[n % SAMPLE_NAMES.len()], round + 1),
        };
        let mut ws = Workspace::open(&dir.join(format!("lero-{n:03}.lero")))?;
        ws.set_organisation(&Organisation {
            name: name.clone(),
            email: format!("hello@lero{n}.example"),
            area: "Somewhere".into(),
            formal: true,
        })?;
        ws.set_logo(sample_logo_png(n))?;
        ws.add_person("Dafydd Evans", "Director", false)?;
        ws.add_person("Zoë Adebayo", "Peer mentor", true)?;
        let version = ws.newest_version("clero-chime")?.unwrap_or_default();
        let set = ws.load_set("clero-chime", &version)?;
        for (_, _, statement) in set.statements().take(per_org) {
            let key = StatementKey::new("clero-chime", &version, &statement.code);
            let text = body.replace("Brighter Days", &name);
            let id = ws.new_account(&key, &format!("How {name} lives {}", statement.code), &text)?;
            ws.sign_off(id, "Dafydd Evans", Decision::Approved, "")?;
            ws.sign_off(id, "Zoë Adebayo", Decision::Approved, "")?;
            let path = dir.join(format!("lero-{n:03}-{}.lero-bundle", statement.code));
            ws.export_bundle(id, &path)?;
            bundles.push(path);
        }
    }
    Ok(bundles)
}

/// Makes a large made-up workspace at `path`, as a LERO that has used the app for years:
/// every CHIME statement assessed, `evidence` evidence items and `accounts` accounts spread
/// across the statements, two in three of the accounts signed off by two people. Account 1
/// is a 600-word draft. For benchmarks of opening, the dashboard and typing.
#[doc(hidden)]
pub fn sample_large_workspace(path: &std::path::Path, evidence: usize, accounts: usize) -> Result<Workspace> {
    let mut ws = Workspace::open(path)?;
    ws.store.wait_for_disk(false)?;
    ws.set_organisation(&Organisation {
        name: "Brighter Days Recovery Community".into(),
        email: "hello@brighterdays.example".into(),
        area: "Wirral".into(),
        formal: true,
    })?;
    ws.set_logo(demo_logo_png())?;
    ws.add_person("Dafydd Evans", "Chair of trustees", false)?;
    ws.add_person("Zoë Adebayo", "Peer mentor", true)?;
    let version = ws.newest_version("clero-chime")?.unwrap_or_default();
    let set = ws.load_set("clero-chime", &version)?;
    let keys: Vec<StatementKey> =
        set.statements().map(|(_, _, s)| StatementKey::new("clero-chime", &version, &s.code)).collect();
    let stages = [Stage::NotYet, Stage::Starting, Stage::Developing, Stage::Embedded];
    for (n, key) in keys.iter().enumerate() {
        let a = Assessment {
            stage: Some(stages[n % stages.len()]),
            rung: u8::try_from(n % 7 + 1).ok(),
            well: "Members lead this week by week.".into(),
            develop: "Write down how we do it.".into(),
            ..Assessment::default()
        };
        ws.save_assessment(key, &a)?;
    }
    // The last statement does not apply; the plan has ten actions a statement over the years,
    // some done, some overdue.
    if let Some(last) = keys.last() {
        ws.assess(last, Stage::NotApplicable, None, Some("We meet in the library and have no premises of our own."))?;
    }
    let statuses = [ActionStatus::Open, ActionStatus::Doing, ActionStatus::Done];
    for n in 0..keys.len() * 10 {
        let due = format!("20{:02}-{:02}-{:02}", 24 + n % 4, n % 12 + 1, n % 28 + 1);
        let (key, what, who) =
            (&keys[n % keys.len()], format!("Action {n}: ask members what to change"), "Zoë Adebayo");
        let id = ws.add_action(key, &what, who, Some(&due))?;
        let status = statuses[n % statuses.len()];
        if status != ActionStatus::Open {
            ws.update_action(&Action { id, key: key.clone(), what, who: who.into(), due: Some(due), status })?;
        }
    }
    let kinds = ["Minutes", "Feedback", "Photo", "Document", "Survey"];
    for n in 0..evidence {
        let e = NewEvidence {
            title: format!("Evidence item {n}: group minutes and members' words"),
            date: Some(format!("20{:02}-{:02}-{:02}", 20 + n % 6, n % 12 + 1, n % 28 + 1)),
            kind: kinds[n % kinds.len()].into(),
            note: "Kept in the office file; names removed.".into(),
            personal_data: n % 10 == 0,
        };
        ws.add_evidence(&keys[n % keys.len()], &e, None)?;
    }
    let short = sample_prose(300);
    for n in 0..accounts {
        let key = &keys[n % keys.len()];
        let body = if n == 0 { sample_prose(600) } else { format!("{short}\n\nAccount {n}.") };
        let id = ws.new_account(key, &format!("How we live {} (account {n})", key.code), &body)?;
        if n > 0 && n % 3 != 0 {
            ws.sign_off(id, "Dafydd Evans", Decision::Approved, "")?;
            ws.sign_off(id, "Zoë Adebayo", Decision::Approved, "")?;
        }
    }
    ws.store.wait_for_disk(true)?;
    Ok(ws)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stopped_demo_s_files_are_removed_and_an_open_one_s_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let touch = |name: &str| std::fs::write(dir.path().join(name), b"x").unwrap();
        // Stopped: its lock file is there, but nobody holds it.
        for suffix in ["", "-wal", "-shm", LOCK_SUFFIX] {
            touch(&format!("{DEMO_PREFIX}11-22.lero{suffix}"));
        }
        // Open: its lock is held.
        touch(&format!("{DEMO_PREFIX}33-44.lero"));
        let held = std::fs::File::create(dir.path().join(format!("{DEMO_PREFIX}33-44.lero{LOCK_SUFFIX}"))).unwrap();
        held.try_lock().unwrap();
        // Not a demo, and a demo of an earlier version made just now: both kept.
        touch("workspace.lero");
        touch(&format!("{DEMO_PREFIX}55-66.lero"));
        remove_abandoned_demos(dir.path());
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                format!("{DEMO_PREFIX}33-44.lero"),
                format!("{DEMO_PREFIX}33-44.lero{LOCK_SUFFIX}"),
                format!("{DEMO_PREFIX}55-66.lero"),
                "workspace.lero".to_owned()
            ]
        );
    }
}
