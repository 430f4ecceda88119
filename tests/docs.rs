//! The officers' documentation in Vietnamese (`docs/vi/`): NFC, as every Vietnamese text of the
//! project; every link to a file of the repository leads to one; the README's Vietnamese quick
//! start links each page, so an officer finds them from the first page they open.

mod common;

use std::fs;

use common::*;
use unicode_normalization::is_nfc;

/// The targets of the Markdown links `[…](target)` in `text`, outside code (the examples of
/// links the pages show are not links).
fn links(text: &str) -> Vec<String> {
    let mut prose = String::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if !fenced {
            // Every other piece between backticks is code.
            prose.extend(line.split('`').step_by(2).flat_map(|p| [p, " "]));
            prose.push('\n');
        }
    }
    let found =
        prose.match_indices("](").filter_map(|(i, _)| prose[i + 2..].split_once(')').map(|(t, _)| t.to_string()));
    found.collect()
}

#[test]
fn the_officers_guide_is_nfc_and_its_links_lead_to_files() {
    let dir = repo().join("docs/vi");
    let mut pages: Vec<_> = fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    pages.sort();
    assert!(pages.len() >= 7, "{pages:?}");
    for page in &pages {
        let text = fs::read_to_string(page).unwrap();
        assert!(is_nfc(&text), "{} is not NFC", page.display());
        for target in links(&text).iter().filter(|t| !t.contains("://")) {
            let file = target.split('#').next().unwrap();
            assert!(dir.join(file).exists(), "{}: the link {target} leads to no file", page.display());
        }
    }
    let readme = fs::read_to_string(repo().join("README.md")).unwrap();
    let quick = &readme[readme.find("## Hướng dẫn nhanh cho cán bộ").expect("the Vietnamese quick start")..];
    for page in &pages {
        let name = format!("docs/vi/{}", page.file_name().unwrap().to_string_lossy());
        assert!(quick.contains(&format!("]({name})")), "the quick start does not link {name}");
    }
}

/// Every command line the documentation shows, with where: the lines of code blocks and the
/// code spans that call `bangtin` (or `./bangtin`, `.\bangtin`), each as its words. A table
/// cell's `\|` is the `|` it shows.
fn commands_shown(file: &str) -> Vec<(String, bool, Vec<String>)> {
    let text = fs::read_to_string(repo().join(file)).unwrap().replace("\\|", "|");
    let mut found = Vec::new();
    let mut fenced = false;
    for (n, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        let code: Vec<&str> = if fenced { vec![line.trim()] } else { line.split('`').skip(1).step_by(2).collect() };
        for c in code {
            let c = c.trim_start_matches("./").trim_start_matches(".\\");
            if c.starts_with("bangtin ") {
                found.push((format!("{file}:{}: {c}", n + 1), fenced, words(c)));
            }
        }
    }
    found
}

/// A command line's words as a shell splits them: `"…"` is one word.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word: Option<String> = None;
    let mut quoted = false;
    for ch in line.chars() {
        match ch {
            '"' => {
                quoted = !quoted;
                word.get_or_insert_with(String::new);
            }
            c if c.is_whitespace() && !quoted => out.extend(word.take()),
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    out.extend(word);
    out
}

fn documents() -> Vec<String> {
    let mut files = vec!["README.md".to_string()];
    for dir in ["docs", "docs/vi"] {
        let mut pages: Vec<String> = fs::read_dir(repo().join(dir))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".md"))
            .map(|n| format!("{dir}/{n}"))
            .collect();
        pages.sort();
        files.extend(pages);
    }
    files
}

#[test]
fn every_command_the_documentation_shows_has_the_options_it_names() {
    // The help of `bangtin cmd…`, if that is a command (hidden ones too): its usage starts
    // with those words, as `new report`'s (the command `new`) does not.
    let mut helps = std::collections::HashMap::new();
    let mut help = |cmd: &[String]| -> Option<String> {
        helps
            .entry(cmd.to_vec())
            .or_insert_with(|| {
                let args: Vec<&str> = cmd.iter().map(String::as_str).chain(["--help"]).collect();
                let r = run(&args);
                let named = format!(
                    "Cách dùng: {} ",
                    ["bangtin"].iter().chain(&args[..cmd.len()]).cloned().collect::<Vec<_>>().join(" ")
                );
                (r.code == 0 && r.stdout.contains(&named)).then_some(r.stdout)
            })
            .clone()
    };
    let mut checked = 0;
    for file in documents() {
        for (place, _, words) in commands_shown(&file) {
            // The command: the words after `bangtin` that name a command, at any depth.
            let mut cmd: Vec<String> = Vec::new();
            for w in words[1..].iter().take_while(|w| !w.starts_with('-')) {
                let deeper = [cmd.clone(), vec![w.clone()]].concat();
                if help(&deeper).is_none() {
                    break;
                }
                cmd = deeper;
            }
            let text = help(&cmd).expect("bangtin's own help");
            let known = options_of(&text).concat();
            let options = words[1..]
                .iter()
                .flat_map(|w| w.split('|'))
                .map(|w| w.trim_matches(['[', ']']).split('=').next().unwrap_or(""))
                .filter(|w| w.starts_with('-') && w.len() > 1 && *w != "--");
            for option in options {
                assert!(
                    known.iter().any(|k| k == option),
                    "{place}: `bangtin {}` has no option {option}; its help:\n{text}",
                    cmd.join(" ")
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 50, "only {checked} options found in the documentation's commands");
}

/// What the officer types, as the Vietnamese guide shows it in its code blocks, works as
/// written: each line run in a folder that holds the example site as `content/`, as the guide
/// says to open the command window, with the Word file the import page names saved there.
/// `serve` runs until Ctrl+C; its options are checked above, and `tests/serve.rs` runs it.
#[test]
fn every_command_the_officers_guide_shows_runs_as_written() {
    let mut ran = Vec::new();
    for file in documents().into_iter().filter(|f| f.starts_with("docs/vi/")) {
        for (place, fenced, words) in commands_shown(&file) {
            if !fenced || words[1] == "serve" {
                continue;
            }
            let dir = tempfile::tempdir().unwrap();
            copy_dir(&example(), &dir.path().join("content"));
            for w in &words[2..] {
                let seed = repo().join("tests/plans/000-phuong-3-vung-tau-2024");
                for ext in ["docx", "txt"] {
                    if w.ends_with(&format!(".{ext}")) && words[1] == "import" {
                        fs::copy(seed.with_extension(ext), dir.path().join(w)).unwrap();
                    }
                }
            }
            // On the day of the guide's own example (its sample report is of 7/6/2024), inside
            // the example plan's time; today may be past it.
            let mut args = words[1..].to_vec();
            let help = run(&args.iter().map(String::as_str).chain(["--help"]).collect::<Vec<_>>()).stdout;
            if options_of(&help).concat().iter().any(|o| o == "--today") {
                args.extend(["--today".to_string(), "2024-06-07".to_string()]);
            }
            let out = run_in(dir.path(), &args.iter().map(String::as_str).collect::<Vec<_>>());
            let stderr = &out.stderr;
            assert_eq!(out.code, 0, "{place}: {stderr}");
            assert!(!stderr.contains("lỗi"), "{place}: {stderr}");
            // The reading the page quotes is the one bangtin gives.
            if words.get(1..3) == Some(&["radio".to_string(), "say".to_string()]) {
                let said = out.stdout.trim();
                let page =
                    fs::read_to_string(repo().join(&file)).unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
                assert!(page.contains(&format!("“{said}”")), "{place}: the page does not quote “{said}”");
            }
            ran.push(place);
        }
    }
    // The weekly routine's six steps but the preview, the import and the radio's own page.
    assert!(ran.len() >= 8, "{ran:#?}");
    for shown in ["bangtin build --offline", "bangtin import plan", "bangtin new report --xlsx", "bangtin radio say"] {
        assert!(ran.iter().any(|p| p.contains(shown)), "{shown} is no longer run: {ran:#?}");
    }
}

/// `cargo install --git URL` searches the whole repository for packages with binaries and
/// refuses to choose between `bangtin` and the fuzz targets' package (`fuzz/`): every install
/// line the documentation gives names the package.
#[test]
fn every_install_from_git_names_the_package() {
    let fuzz = fs::read_to_string(repo().join("fuzz/Cargo.toml")).unwrap();
    assert!(fuzz.contains("[[bin]]"), "the reason for the name is gone; the name may stay");
    let mut lines = 0;
    for file in documents() {
        let text = fs::read_to_string(repo().join(&file)).unwrap();
        for (i, _) in text.match_indices("cargo install --locked --git ") {
            let line = text[i..].split('`').next().unwrap();
            assert!(line.ends_with(" bangtin"), "{file}: `{line}` does not name the package bangtin");
            lines += 1;
        }
    }
    assert!(lines >= 3, "{lines} install lines");
}

/// The options a command's help lists under “Tùy chọn:”, each with its short form if it has
/// one (`["-o", "--out"]`).
fn options_of(help: &str) -> Vec<Vec<String>> {
    let Some((_, list)) = help.split_once("\nTùy chọn:\n") else { return Vec::new() };
    let list = list.split("\n\n").next().unwrap_or("");
    list.lines()
        .map(|l| l.split_whitespace().take_while(|w| w.starts_with('-')).map(|w| w.trim_end_matches(',').to_string()))
        .map(Vec::from_iter)
        .filter(|o| !o.is_empty())
        .collect()
}

/// The names under “Lệnh:” in a help text.
fn commands_of(help: &str) -> Vec<String> {
    let Some((_, list)) = help.split_once("\nLệnh:\n") else { return Vec::new() };
    let list = list.split("\n\n").next().unwrap_or("");
    list.lines().filter_map(|l| l.split_whitespace().next()).map(str::to_string).collect()
}

/// The other way from the first test: every option of every command `bangtin --help` lists,
/// at any depth, is named in that command's rows of the README's table of commands, so a new
/// option is documented where developers look.
#[test]
fn the_readme_names_every_option_of_every_command() {
    let readme = fs::read_to_string(repo().join("README.md")).unwrap().replace("\\|", "|");
    let table = &readme[readme.find("## Commands").expect("a table of commands")..];
    let table = &table[..table[3..].find("\n## ").map_or(table.len(), |i| i + 3)];
    let mut commands: Vec<Vec<String>> = commands_of(&run(&["--help"]).stdout).into_iter().map(|c| vec![c]).collect();
    let mut named = 0;
    while let Some(cmd) = commands.pop() {
        let args: Vec<&str> = cmd.iter().map(String::as_str).chain(["--help"]).collect();
        let help = run(&args).stdout;
        let deeper = commands_of(&help);
        commands.extend(deeper.iter().map(|d| [cmd.clone(), vec![d.clone()]].concat()));
        // The rows of this command, not those of a command under it (`radio say` is not `radio`).
        let called = format!("`bangtin {}", cmd.join(" "));
        let rows: Vec<&str> = table
            .lines()
            .filter(|l| l.starts_with("| "))
            .filter(|l| {
                l.split(" | ").next().unwrap_or("").split(" / ").any(|c| {
                    c.trim_start_matches("| ").strip_prefix(&called).is_some_and(|rest| {
                        rest.starts_with('`')
                            || rest.starts_with(' ') && !deeper.iter().any(|d| rest[1..].starts_with(d.as_str()))
                    })
                })
            })
            .collect();
        assert!(!rows.is_empty(), "the README has no row for {called}`");
        // `--help` and `--quiet`, which every command takes, the README says once.
        let own = options_of(&help).into_iter().filter(|o| !o.iter().any(|w| w == "--help" || w == "--quiet"));
        for option in own {
            // The option whole: `--out` is not in `--out-dir`.
            let whole = |r: &str, o: &str| {
                r.match_indices(o)
                    .any(|(i, _)| !r[i + o.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '-'))
            };
            let said = |r: &&str| option.iter().any(|o| whole(r, o));
            assert!(rows.iter().any(said), "{called}`: {option:?} is not in its rows:\n{}", rows.join("\n"));
            named += 1;
        }
    }
    assert!(named >= 25, "{named} options");
}
