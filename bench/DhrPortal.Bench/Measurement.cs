using System.Diagnostics;

namespace DhrPortal.Bench;

/// <summary>One measured stage: wall and CPU time, the process's peak working set so far, and GC activity.</summary>
internal sealed record Stage(string Name, double WallSeconds, double CpuSeconds, long PeakBytes, long AllocatedBytes, int Gen0, int Gen1, int Gen2)
{
    public double CpuPerWall => WallSeconds > 0 ? CpuSeconds / WallSeconds : 0;

    public static Stage Measure(string name, Action action)
    {
        var cpu0 = Cpu();
        var alloc0 = GC.GetTotalAllocatedBytes(precise: true);
        var (g0, g1, g2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var clock = Stopwatch.StartNew();
        action();
        clock.Stop();
        var cpu = Cpu() - cpu0;
        return new Stage(name, clock.Elapsed.TotalSeconds, cpu.TotalSeconds, Peak(), GC.GetTotalAllocatedBytes(precise: true) - alloc0,
            GC.CollectionCount(0) - g0, GC.CollectionCount(1) - g1, GC.CollectionCount(2) - g2);
    }

    /// <summary>Two consecutive stages as one (times and GC counts added, the later peak).</summary>
    public static Stage Sum(string name, Stage a, Stage b) =>
        new(name, a.WallSeconds + b.WallSeconds, a.CpuSeconds + b.CpuSeconds, Math.Max(a.PeakBytes, b.PeakBytes),
            a.AllocatedBytes + b.AllocatedBytes, a.Gen0 + b.Gen0, a.Gen1 + b.Gen1, a.Gen2 + b.Gen2);

    /// <summary>CPU time of every thread of this process, user and kernel.</summary>
    private static TimeSpan Cpu()
    {
        using var p = Process.GetCurrentProcess();
        return p.TotalProcessorTime;
    }

    /// <summary>Peak working set (VmHWM on Linux) of this process since it started.</summary>
    private static long Peak()
    {
        using var p = Process.GetCurrentProcess();
        return p.PeakWorkingSet64;
    }
}

/// <summary>What a child process reports, as one JSON line on standard output.</summary>
internal sealed record ChildReport
{
    public required string Mode { get; init; }
    public int Files { get; init; }
    public long Bytes { get; init; }
    public long Lines { get; init; }
    public int Reviews { get; init; }
    public int Recommendations { get; init; }
    public int Errors { get; init; }
    public int Warnings { get; init; }
    public List<Stage> Stages { get; init; } = [];
    /// <summary>BuildResult.Timings of the build stage (wall time only).</summary>
    public List<Stage> BuildTimings { get; init; } = [];
    public int OutputFiles { get; init; }
    public long OutputBytes { get; init; }
    public List<string> Notes { get; init; } = [];
    /// <summary>The largest page of each kind (mode "pages").</summary>
    public List<PageSize> Pages { get; init; } = [];
}
