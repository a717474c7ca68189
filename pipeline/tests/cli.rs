//! The `fleetsight` binary rejects bad configs with a message that names the file and field.

use std::process::Command;

fn fleetsight(args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_fleetsight")).args(args).output().expect("run fleetsight");
    (out.status.success(), String::from_utf8_lossy(&out.stderr).to_string() + &String::from_utf8_lossy(&out.stdout))
}

fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> String {
    let p = dir.path().join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

#[test]
fn bad_configs_fail_naming_file_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("unknown.toml", "[[streams]]\nid = \"a\"\ndevice_id = \"d\"\nrtsp = { url = \"rtsp://h/x\", trnsport = \"tcp\" }\n", "trnsport"),
        ("badurl.toml", "[[streams]]\nid = \"a\"\ndevice_id = \"d\"\nrtsp = { url = \"rtsp//nohost\" }\n", "streams[0].rtsp.url"),
        ("badvalue.toml", "[supervisor]\nread_timeout_secs = -1\n[[streams]]\nid = \"a\"\ndevice_id = \"d\"\nrtsp = { url = \"rtsp://h/x\" }\n", "supervisor.read_timeout_secs"),
        ("badtype.toml", "[[streams]]\nid = \"a\"\ndevice_id = \"d\"\nchannel = \"one\"\nrtsp = { url = \"rtsp://h/x\" }\n", "channel"),
        ("nosource.toml", "[[streams]]\nid = \"a\"\ndevice_id = \"d\"\n", "streams[0].rtsp: a source is required"),
        (
            "apikey.toml",
            "[[api.api_keys]]\nname = \"gw\"\nkey_env = \"K\"\ntenant = \"nobody\"\nrole = \"operator\"\n[[streams]]\nid = \"a\"\ndevice_id = \"d\"\nrtsp = { url = \"rtsp://h/x\" }\n",
            "api.api_keys[0].tenant",
        ),
    ];
    for (name, text, field) in cases {
        let path = write(&dir, name, text);
        for cmd in ["check-config", "run"] {
            let (ok, out) = fleetsight(&[cmd, "--config", &path]);
            assert!(!ok, "{cmd} {name} should fail");
            assert!(out.contains(name) && out.contains(field), "{cmd} {name}: message must name the file and `{field}`:\n{out}");
            assert!(!out.contains("panicked"), "{out}");
        }
    }
    // A secret the file points at but the environment lacks: found before anything starts.
    let unset = "[[api.tenants]]\nid = \"t\"\n[[api.api_keys]]\nname = \"gw\"\nkey_env = \"FLEETSIGHT_TEST_SURELY_UNSET_KEY\"\ntenant = \"t\"\nrole = \"operator\"\n\
                 [[streams]]\nid = \"a\"\ndevice_id = \"d\"\nrtsp = { url = \"rtsp://h/x\" }\n";
    let path = write(&dir, "unset.toml", unset);
    for cmd in ["check-config", "run"] {
        let (ok, out) = fleetsight(&[cmd, "--config", &path]);
        assert!(!ok && out.contains("api.api_keys[0].key_env: environment variable FLEETSIGHT_TEST_SURELY_UNSET_KEY"), "{cmd}: {out}");
    }
    let (ok, out) = fleetsight(&["check-config", "--config", &dir.path().join("missing.toml").display().to_string()]);
    assert!(!ok && out.contains("missing.toml") && out.contains("cannot read"), "{out}");
}

#[test]
fn the_shipped_demo_config_is_valid() {
    let demo = concat!(env!("CARGO_MANIFEST_DIR"), "/../deploy/demo/fleetsight.toml");
    let (ok, out) = fleetsight(&["check-config", "--config", demo]);
    assert!(ok, "{out}");
    assert!(out.contains("5 streams"), "{out}");
}
