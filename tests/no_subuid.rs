//! Run by a user with no subordinate id range (the CI script runs it as a second user):
//! hutch must fall back to a single-id mapping and say exactly how to fix it.

mod common;
use common::*;

#[test]
fn a_user_without_subuid_range_gets_a_single_mapping_and_the_fix() {
    if subuid_range().is_some() {
        return skip("this user has a subuid range (the CI script runs this test as one without)");
    }
    let e = Env::new("nosub");
    let o = e.hutch(&["import", "-q", busybox_tar().to_str().unwrap(), "demo"]);
    o.ok();
    let o = e.hutch(&["run", "--rm", "demo", "cat", "/proc/self/uid_map"]);
    o.ok().stderr_has("no subordinate id range for").stderr_has("usermod --add-subuids 100000-165535 --add-subgids 100000-165535");
    assert_eq!(o.stdout.lines().count(), 1);
    // A user id that is not mapped cannot be switched to: a clear error, not a crash.
    e.hutch(&["run", "--rm", "-u", "tester", "demo", "true"]).code(125).stderr_has("is it mapped");
    e.hutch(&["info"]).ok().stdout_has("single id");
}
