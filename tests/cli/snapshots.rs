//! Snapshots of the human and JSON reports for a few samples. They move
//! whenever extraction is tuned: review with `cargo insta review`, or
//! accept all with `INSTA_UPDATE=always cargo test`. CI never writes them.

use crate::support::run;

#[test]
fn human_report_of_the_circular_sample() {
    let out = run(&["check", "--color", "never", "samples/bridge-inspection.md"]);
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn human_report_of_the_unresolved_txt_sample() {
    let out = run(&["check", "--color", "never", "samples/budget-memo.txt"]);
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn human_report_of_the_clean_sample() {
    let out = run(&["check", "--color", "never", "samples/harbour-dredging.md"]);
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn json_report_of_the_secondhand_sample() {
    let out = run(&["check", "--format", "json", "samples/school-closure.md"]);
    insta::assert_snapshot!(out.stdout);
}
