using System.Threading;

namespace Flow;

/// <summary>Lets tests run a straight-line process on the token engine, to compare the two.</summary>
internal static class EngineSwitch
{
    private static readonly AsyncLocal<bool> Force = new();

    public static bool ForceTokenEngine
    {
        get => Force.Value;
        set => Force.Value = value;
    }
}
