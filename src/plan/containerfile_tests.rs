//! Tests of the Containerfile parser.
use super::*;

fn one(text: &str) -> Instruction {
    parse(&format!("FROM x\n{text}")).unwrap().stages[0].instructions[0].clone()
}

/// `KEYWORD --flag=value… [exec|words]` or `<shell text>`, plus `(subcommand)`.
fn show(i: &Instruction) -> String {
    let flags: String = i.flags.iter().map(|(n, v)| format!(" --{n}={v}")).collect();
    let args = match &i.args {
        Args::Exec(v) => format!("[{}]", v.join("|")),
        Args::Shell(s) => format!("<{s}>"),
    };
    let sub = i
        .subcommand
        .as_ref()
        .map(|s| format!(" ({s})"))
        .unwrap_or_default();
    format!("{}{flags} {args}{sub}", i.keyword)
}

/// Table rows `input => expected`; `⏎` stands for a newline in the input.
fn rows(table: &str) -> impl Iterator<Item = (String, &str)> {
    table
        .lines()
        .filter_map(|l| l.split_once(" => "))
        .map(|(i, w)| (i.trim().replace('⏎', "\n"), w.trim()))
}

#[test]
fn instructions() {
    let table = r#"
        CMD ["a", "b c"]                    => CMD [a|b c]
        RUN [ "echo" , 'x' ]                => RUN <[ "echo" , 'x' ]>
        ENTRYPOINT ["a"] b                  => ENTRYPOINT <["a"] b>
        SHELL ["pwsh", "-c"]                => SHELL [pwsh|-c]
        volume ["/a", "/b"]                 => VOLUME [/a|/b]
        VOLUME /a /b                        => VOLUME </a /b>
        CMD                                 => CMD <>
        MAINTAINER Jane <j@x>               => MAINTAINER <Jane <j@x>>
        COPY ["a b", "/c"]                  => COPY [a b|/c]
        RUN --mount=type=cache,target=/x --mount=id=s --network=none a --no => RUN --mount=type=cache,target=/x --mount=id=s --network=none <a --no>
        COPY --link --chown="1:1" --chmod=755 -- --weird /d/ => COPY --link= --chown=1:1 --chmod=755 <--weird /d/>
        ADD --checksum=sha256:ab --keep-git-dir=true https://x/y /z => ADD --checksum=sha256:ab --keep-git-dir=true <https://x/y /z>
        HEALTHCHECK --interval=5s --retries=3 CMD ["curl", "-f"] => HEALTHCHECK --interval=5s --retries=3 [curl|-f] (CMD)
        healthcheck cmd curl -f x || exit 1 => HEALTHCHECK <curl -f x || exit 1> (CMD)
        HEALTHCHECK none                    => HEALTHCHECK <> (NONE)
        ENV --x=1                           => ENV <--x=1>
        ONBUILD copy . /app                 => ONBUILD <copy . /app> (COPY)
        label a=b \⏎  c=d                   => LABEL <a=b   c=d>
        EXPOSE 80/tcp 53/udp                => EXPOSE <80/tcp 53/udp>
        STOPSIGNAL SIGKILL                  => STOPSIGNAL <SIGKILL>
    "#;
    for (text, want) in rows(table) {
        assert_eq!(show(&one(&text)), want, "{text}");
    }
}

#[test]
fn errors() {
    let e = parse("FROM a\nFROOM b\n").unwrap_err();
    assert_eq!(e.to_string(), "line 2: FROOM: unknown instruction: FROOM");
    assert_eq!(
        parse("").unwrap_err().to_string(),
        "line 0: file with no instructions"
    );
    let table = r#"
        RUN x⏎FROM a                       => 1: no FROM before RUN
        # c⏎⏎                              => 0: no instructions
        ARG a                              => 0: no FROM
        FROM                               => 1: at least one
        FROM a b                           => 1: one or three
        FROM a AS 1x                       => 1: invalid name
        FROM a AS x⏎FROM b AS X            => 2: duplicate
        FROM a⏎COPY a                      => 2: at least two
        FROM a⏎ADD ["a"]                   => 2: at least two
        FROM a⏎SHELL /bin/sh -c            => 2: JSON
        FROM a⏎RUN [1]                     => 2: strings
        FROM a⏎ENV                         => 2: at least one
        FROM a⏎ENV a                       => 2: two arguments
        FROM a⏎LABEL a=1 b                 => 2: can't find =
        FROM a⏎USER                        => 2: at least one
        FROM a⏎ONBUILD ONBUILD RUN x       => 2: chaining
        FROM a⏎onbuild from b              => 2: FROM isn't allowed
        FROM a⏎ONBUILD MAINTAINER me       => 2: MAINTAINER isn't
        FROM a⏎ONBUILD BOGUS               => 2: unknown instruction: BOGUS
        FROM a⏎HEALTHCHECK NONE x          => 2: no arguments
        FROM a⏎HEALTHCHECK --interval=5s   => 2: at least one
        FROM a⏎HEALTHCHECK CURL x          => 2: try CMD
        FROM x⏎RUN <<EOF⏎abc               => 2: unterminated heredoc EOF
        # escape=x⏎FROM a                  => 1: invalid escape
        # syntax=a⏎# syntax=b⏎FROM a       => 2: only one
    "#;
    for (text, want) in rows(table) {
        let e = parse(&text).unwrap_err();
        let (line, msg) = want.split_once(": ").unwrap();
        assert!(
            e.line.to_string() == line && e.message.contains(msg),
            "{text:?}: {e}"
        );
    }
}

fn dump(cf: &Containerfile) -> String {
    let mut out = format!("escape={} syntax={:?}\n", cf.escape, cf.syntax);
    let insts = cf
        .stages
        .iter()
        .flat_map(|s| std::iter::once(&s.from).chain(&s.instructions));
    for i in cf.meta_args.iter().chain(insts) {
        if let Some(s) = cf.stages.iter().find(|s| std::ptr::eq(&s.from, i)) {
            out += &format!("stage {} {:?}\n", s.index, s.name);
        }
        out += &format!("{} {}\n", i.line, show(i));
        for h in &i.heredocs {
            let (n, e, c) = (&h.name, h.expand, h.chomp_tabs);
            out += &format!("> {n} expand={e} chomp={c} {:?}\n", h.content);
        }
    }
    out
}

fn check(text: &str, want: &str) {
    let want: String = want
        .trim()
        .lines()
        .map(|l| format!("{}\n", l.trim()))
        .collect();
    assert_eq!(dump(&parse(text).unwrap()), want, "{text:?}");
}

#[test]
fn stages_and_meta_args() {
    let text = "ARG V=1\nfrom --platform=linux/amd64 alpine:$V As Builder\nRUN echo hi\n\n\
                FROM scratch\ncopy --from=builder /a /b\n";
    check(
        text,
        r#"
        escape=\ syntax=None
        1 ARG <V=1>
        stage 0 Some("builder")
        2 FROM --platform=linux/amd64 <alpine:$V As Builder>
        3 RUN <echo hi>
        stage 1 None
        5 FROM <scratch>
        6 COPY --from=builder </a /b>
    "#,
    );
    let cf = parse(text).unwrap();
    assert_eq!(
        cf.stages[1].instructions[0].original,
        "copy --from=builder /a /b"
    );
}

#[test]
fn directives_and_windows_escape() {
    let text = "# Escape = `\r\n#SYNTAX=docker/dockerfile:1\r\n\r\n# escape=\\\r\n\
        FROM mcr.microsoft.com/windows\r\nCOPY testfile.txt c:\\ `\r\n   # comment\r\n\r\n    \
        d:\\\r\nRUN dir c:\\\r\n";
    check(
        text,
        r#"
        escape=` syntax=Some("docker/dockerfile:1")
        stage 0 None
        5 FROM <mcr.microsoft.com/windows>
        6 COPY <testfile.txt c:\     d:\>
        10 RUN <dir c:\>
    "#,
    );
    // Directives stop at the first non-directive; later ones are comments.
    for (text, escape) in [
        ("# x\n# escape=`\nFROM a", '\\'),
        ("\n# escape=`\nFROM a", '\\'),
    ] {
        assert_eq!(parse(text).unwrap().escape, escape);
    }
    assert_eq!(
        parse("#check=skip=all\n# escape=`\nFROM a").unwrap().escape,
        '`'
    );
}

#[test]
fn continuations_heredocs_onbuild() {
    let text = "FROM x\nRUN apt-get update && \\\n# a comment\n    # indented\n\n  apt-get \\  \n  curl\n\
                RUN <<EOF bash\n# not a comment\necho $HOME\nEOF\n\
                RUN 3<<-'A' cat <<\"B\" > /f\n\t\techo a\n\tA\nb\\c\nB\nCOPY <<EOF /etc/x\nEOF\n\
                RUN cat<<EOF\nRUN [\"<<EOF\"]\nEXPOSE 80 \\\n";
    check(
        text,
        r##"
        escape=\ syntax=None
        stage 0 None
        1 FROM <x>
        2 RUN <apt-get update &&   apt-get   curl>
        8 RUN <<<EOF bash>
        > EOF expand=true chomp=false "# not a comment\necho $HOME\n"
        12 RUN <3<<-'A' cat <<"B" > /f>
        > A expand=false chomp=true "echo a\n"
        > B expand=false chomp=false "b\\c\n"
        17 COPY <<<EOF /etc/x>
        > EOF expand=true chomp=false ""
        19 RUN <cat<<EOF>
        20 RUN [<<EOF]
        21 EXPOSE <80>
    "##,
    );
    let i = one("ONBUILD copy . /app");
    let Args::Shell(t) = &i.args else {
        unreachable!()
    };
    assert_eq!(
        show(&parse_instruction(t, i.line, '\\').unwrap()),
        "COPY <. /app>"
    );
    let w = words("a  'b c' \"d\\\"e\" f\\ g", '\\').unwrap();
    assert_eq!(w, ["a", "b c", "d\"e", "f g"]);
}
