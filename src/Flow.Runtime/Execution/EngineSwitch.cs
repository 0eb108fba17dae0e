using System;

namespace Flow;

/// <summary>
/// Lets tests and benchmarks run a straight-line process on the token engine, to compare the
/// two. Per thread: StartAsync reads it before its first await.
/// </summary>
internal static class EngineSwitch
{
    [ThreadStatic]
    private static bool _force;

    public static bool ForceTokenEngine
    {
        get => _force;
        set => _force = value;
    }
}
