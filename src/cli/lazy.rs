//! Verbs whose options are built only when they are used. clap builds every subcommand's
//! arguments before it parses anything, and hutch has hundreds (run's 130 options four times
//! over, with `container run/create`): that was most of the time an everyday command such as
//! `ps` took. `Lazy<T>` (a verb's options) and `LazyGroup<T>` (a noun's verbs) hand clap a
//! deferred builder instead (`Command::defer`), run only for the verb on the command line.
//! Help and errors are rendered from the whole tree (`crate::cli::command`), which builds
//! everything, so they read exactly as before.

use clap::{ArgMatches, Args, Command, FromArgMatches, Subcommand};

/// A verb's options, built when the verb is parsed.
#[derive(Debug)]
pub struct Lazy<T>(pub T);

impl<T: Args> Args for Lazy<T> {
    fn augment_args(cmd: Command) -> Command {
        cmd.defer(|c| keeping_about(c, T::augment_args))
    }
    fn augment_args_for_update(cmd: Command) -> Command {
        cmd.defer(|c| keeping_about(c, T::augment_args_for_update))
    }
}

/// Runs a deferred builder, the variant's own description winning over its type's
/// (`Unpause(PauseArgs)` is described as unpausing), as when clap builds it at once: the
/// type's part now runs after the variant's attributes.
fn keeping_about(cmd: Command, build: fn(Command) -> Command) -> Command {
    let (about, long) = (cmd.get_about().cloned(), cmd.get_long_about().cloned());
    let built = build(cmd);
    match about {
        Some(a) => match long {
            Some(l) => built.about(a).long_about(l),
            None => built.about(a).long_about(None::<&str>),
        },
        None => built,
    }
}

/// The wrapped type reads the matches; the wrapper only carries it.
macro_rules! delegate_from_arg_matches {
    ($wrapper:ident) => {
        impl<T: FromArgMatches> FromArgMatches for $wrapper<T> {
            fn from_arg_matches(m: &ArgMatches) -> Result<Self, clap::Error> {
                T::from_arg_matches(m).map($wrapper)
            }
            fn from_arg_matches_mut(m: &mut ArgMatches) -> Result<Self, clap::Error> {
                T::from_arg_matches_mut(m).map($wrapper)
            }
            fn update_from_arg_matches(&mut self, m: &ArgMatches) -> Result<(), clap::Error> {
                self.0.update_from_arg_matches(m)
            }
            fn update_from_arg_matches_mut(&mut self, m: &mut ArgMatches) -> Result<(), clap::Error> {
                self.0.update_from_arg_matches_mut(m)
            }
        }
    };
}

delegate_from_arg_matches!(Lazy);

/// A noun's verbs (`container`, `image`...), built when the noun is parsed.
#[derive(Debug)]
pub struct LazyGroup<T>(pub T);

impl<T: Subcommand> Subcommand for LazyGroup<T> {
    fn augment_subcommands(cmd: Command) -> Command {
        cmd.defer(|c| keeping_about(c, T::augment_subcommands))
    }
    fn augment_subcommands_for_update(cmd: Command) -> Command {
        cmd.defer(|c| keeping_about(c, T::augment_subcommands_for_update))
    }
    fn has_subcommand(name: &str) -> bool {
        T::has_subcommand(name)
    }
}

delegate_from_arg_matches!(LazyGroup);
