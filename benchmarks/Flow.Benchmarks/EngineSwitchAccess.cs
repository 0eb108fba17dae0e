namespace Flow.Benchmarks;

/// <summary>Runs a straight-line process on the token engine, to measure the engine itself.</summary>
internal static class EngineSwitchAccess
{
    public static void Force(bool tokenEngine) => global::Flow.EngineSwitch.ForceTokenEngine = tokenEngine;
}
