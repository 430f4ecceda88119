//! `bangtin serve --open`: the preview opened in the default browser, as `zola serve --open`
//! does, with the program each system opens an address with: `start` on Windows, `open` on
//! macOS, `xdg-open` elsewhere. `$BROWSER`, when set, is the program instead (as Python's
//! `webbrowser` and many tools read it): a user's own choice, and the tests' way to see what
//! would be opened.

use std::process::{Command, Stdio};

/// The command that opens `url`.
fn command(url: &str) -> Command {
    // A list of programs, as the convention allows (`firefox:chromium`): the first.
    let browser = std::env::var_os("BROWSER").and_then(|b| std::env::split_paths(&b).next());
    if let Some(browser) = browser.filter(|b| !b.as_os_str().is_empty()) {
        let mut c = Command::new(browser);
        c.arg(url);
        return c;
    }
    if cfg!(windows) {
        // `start`'s first quoted argument is a window title, hence the empty one.
        let mut c = Command::new("cmd");
        c.args(["/C", "start", "", url]);
        c
    } else if cfg!(target_os = "macos") {
        let mut c = Command::new("open");
        c.arg(url);
        c
    } else {
        let mut c = Command::new("xdg-open");
        c.arg(url);
        c
    }
}

/// Opens `url` without waiting for the browser; `Err` says, in Vietnamese, why it could not be
/// asked to. A program that starts but then fails is reported through `failed`, from the thread
/// that waits for it.
pub fn open(url: &str, failed: impl FnOnce(String) + Send + 'static) -> Result<(), String> {
    let mut cmd = command(url);
    let program = cmd.get_program().to_string_lossy().into_owned();
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("không chạy được “{program}” để mở trình duyệt ({})", crate::diag::io_vi(&e)))?;
    // Waited for, so it leaves no zombie behind; `xdg-open` and `open` return once the browser has the address.
    std::thread::spawn(move || match child.wait() {
        Ok(status) if !status.success() => {
            let code = status.code().map_or("bị dừng".to_string(), |c| format!("mã thoát {c}"));
            failed(format!("“{program}” không mở được trình duyệt ({code})"))
        }
        Err(e) => failed(format!("“{program}”: {e}")),
        Ok(_) => {}
    });
    Ok(())
}
