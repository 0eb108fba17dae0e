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

    // Until someone sets the switch (production never does), reading it costs one static read, not a thread-static one.
    private static volatile bool _everSet;

    public static bool ForceTokenEngine
    {
        get => _everSet && _force;
        set
        {
            _everSet = true;
            _force = value;
        }
    }
}
