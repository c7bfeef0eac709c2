//! Helpers shared by the integration tests.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a failing test should stop at once")]
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// A temporary folder that lives as long as the value.
pub fn temp() -> tempfile::TempDir {
    tempfile::tempdir().expect("temporary folder")
}

/// A small valid PNG.
pub fn png(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_pixel(w, h, image::Rgb([30, 120, 60]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).expect("png");
    out.into_inner()
}

/// Writes bytes to `dir/name` and returns the path.
pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write");
    p
}

/// The files in a folder, by name.
pub fn listing(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}
