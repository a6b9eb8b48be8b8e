using System.CommandLine;
using System.Diagnostics;
using DhrPortal.Content;
using DhrPortal.Diagnostics;
using DhrPortal.Loading;
using DhrPortal.Site;
using DhrPortal.Validation;

namespace DhrPortal.Cli;

/// <summary>The <c>dhr</c> commands. Thin: parse options, call the library, print, choose an exit code.</summary>
internal static class Commands
{
    internal static Option<string> InputOption() => new("--input", "-i")
    {
        Description = "The content folder.",
        DefaultValueFactory = _ => "input",
    };

    public static RootCommand Root()
    {
        var root = new RootCommand("DhrPortal: builds the public learning portal of Domestic Homicide Reviews from input/.");
        root.Subcommands.Add(Check());
        root.Subcommands.Add(Build());
        root.Subcommands.Add(Import());
        root.Subcommands.Add(Schemas());
        root.Subcommands.Add(NewCommand.Create(InputOption()));
        root.Subcommands.Add(Serve.ServeCommand.Create(InputOption()));
        root.Subcommands.Add(StatusCommand.Create(InputOption()));
        return root;
    }

    /// <summary>Today (UTC): the clock is read here, at the edge, and passed to the library.</summary>
    internal static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private static Command Check()
    {
        var input = InputOption();
        var baseRef = new Option<string?>("--base")
        {
            Description = "A git ref (e.g. origin/main): after checking, summarise what the content adds or changes compared with it.",
        };
        var command = new Command("check", "Check all content and report every problem; writes nothing.") { input, baseRef };
        command.SetAction(parse =>
        {
            var dir = parse.GetValue(input)!;
            var result = Load(dir);
            if (result is null) return ExitCodes.Usage;
            var code = Summarise(result, dir, "checked");
            if (parse.GetValue(baseRef) is not { } gitRef) return code;
            return CompareWithBase(result, dir, gitRef) ?? code;
        });
        return command;
    }

    /// <summary>Prints what the content changes compared with <paramref name="gitRef"/>; a usage exit code when git refuses, else null.</summary>
    private static int? CompareWithBase(CheckResult head, string dir, string gitRef)
    {
        using var extracted = BaseContent.Extract(dir, gitRef, out var error);
        if (extracted is null)
        {
            Console.Error.WriteLine($"dhr: --base: {error}");
            return ExitCodes.Usage;
        }
        if (head.Model is null)
        {
            Console.Out.WriteLine($"Changes compared with {gitRef}: not summarised until the errors above are fixed.");
            return null;
        }
        ContentModel baseModel;
        if (!Directory.Exists(extracted.InputDirectory))
        {
            baseModel = new ContentModel { Settings = SiteSettings.Default, Areas = [], Agencies = [], Csps = [], Reviews = [] };
        }
        else
        {
            var baseResult = ContentChecker.Check(InputReader.Read(extracted.InputDirectory), new CheckOptions { Today = Today });
            if (baseResult.Model is null)
            {
                Console.Out.WriteLine($"Changes compared with {gitRef}: not summarised, the content at {gitRef} has {Reporter.Plural(baseResult.ErrorCount, "error")}.");
                return null;
            }
            baseModel = baseResult.Model;
        }
        var changes = ContentDiff.Compare(baseModel, head.Model).ToText();
        Console.Out.Write($"Changes compared with {gitRef}:\n{changes}");
        // On GitHub Actions the summary also goes on the run's page, where a reviewer looks first.
        JobSummary.Append(JobSummary.ContentChanges(gitRef, changes));
        return null;
    }

    private static Command Build()
    {
        var input = InputOption();
        var output = new Option<string>("--output", "-o") { Description = "Where to write the site.", DefaultValueFactory = _ => "_site" };
        var baseUrl = BaseUrlOption.Create();
        var command = new Command("build", "Check the content, then build the site; the output folder is replaced only when everything passed.") { input, output, baseUrl };
        command.SetAction(parse =>
        {
            var dir = parse.GetValue(input)!;
            var outDir = parse.GetValue(output)!;
            var clock = Stopwatch.StartNew();
            if (!BaseUrlOption.TryResolve(parse.GetValue(baseUrl), Environment.GetEnvironmentVariable, out var url, out var source, out var error))
            {
                Console.Error.WriteLine($"dhr build: {error}");
                return ExitCodes.Usage;
            }
            var result = Load(dir);
            if (result is null) return ExitCodes.Usage;
            var code = Summarise(result, dir, "checked");
            if (code != ExitCodes.Ok || result.Model is null) return code;
            var model = BaseUrlOption.Apply(result.Model, url);
            Console.Error.WriteLine(BaseUrlOption.Describe(url, source, model));
            var build = SiteWriter.Build(model, new DhrPortal.Theme.DefaultTheme(), outDir);
            Reporter.Print(build.Diagnostics, dir);
            if (build.Output is null || build.Diagnostics.Any(d => d.Severity == Severity.Error))
            {
                Console.Error.WriteLine($"Build failed: {Reporter.Plural(build.Diagnostics.Count(d => d.Severity == Severity.Error), "error")}; '{outDir}' was left untouched.");
                return ExitCodes.ContentErrors;
            }
            Console.Error.WriteLine($"Built {Reporter.Plural(build.Output.Count, "file")} into '{outDir}' in {clock.Elapsed.TotalSeconds:F2} s.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Import()
    {
        var input = InputOption();
        var files = new Argument<string[]>("files") { Description = "Summary pages in the seeds' text format, or folders of them (*.txt).", Arity = ArgumentArity.OneOrMore };
        var force = new Option<bool>("--force") { Description = "Overwrite an existing review file." };
        var command = new Command("import", "Convert review summary pages into review files under <input>/reviews/.") { input, files, force };
        command.SetAction(parse => ImportCommand.Run(parse.GetValue(input)!, parse.GetValue(files)!, parse.GetValue(force)));
        return command;
    }

    private static Command Schemas()
    {
        var input = InputOption();
        var output = new Option<string>("--output", "-o") { Description = "Where to write the schemas.", DefaultValueFactory = _ => DhrPortal.Schemas.ContentSchemas.Folder };
        var command = new Command("schemas", "Write the JSON Schemas editors use for completion and inline errors (run after changing a registry).") { input, output };
        command.SetAction(parse => SchemasCommand.Run(parse.GetValue(input)!, parse.GetValue(output)!));
        return command;
    }

    /// <summary>Reads and checks an input folder; null (after a message) when the folder cannot be read at all.</summary>
    internal static CheckResult? Load(string dir) =>
        Reporter.ReadInput(dir, "dhr") is { } input ? ContentChecker.Check(input, new CheckOptions { Today = Today }) : null;

    private static int Summarise(CheckResult result, string dir, string verb)
    {
        Reporter.Print(result.Diagnostics, dir);
        if (result.HasErrors)
        {
            Console.Error.WriteLine($"{Reporter.Plural(result.ErrorCount, "error")}, {Reporter.Plural(result.WarningCount, "warning")}.");
            return ExitCodes.ContentErrors;
        }
        var model = result.Model!;
        var recs = model.Reviews.Sum(r => r.Recommendations.Count);
        Console.Error.WriteLine($"{verb} {Reporter.Plural(model.Reviews.Count, "review")} and {Reporter.Plural(recs, "recommendation")}: "
            + $"no errors, {Reporter.Plural(result.WarningCount, "warning")}.");
        return ExitCodes.Ok;
    }
}
