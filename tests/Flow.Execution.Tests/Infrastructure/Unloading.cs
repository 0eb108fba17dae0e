using System.Runtime.CompilerServices;

namespace Flow.Execution.Tests.Infrastructure;

internal static class Unloading
{
    /// <summary>Runs the GC until every reference is dead (the recipe of the .NET unloadability docs); false if some stay alive.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static bool AllCollected(IEnumerable<WeakReference> references)
    {
        var list = references.ToList();
        for (var i = 0; i < 20 && list.Any(r => r.IsAlive); i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        return list.All(r => !r.IsAlive);
    }
}
