using System;
using System.Threading;

namespace Flow.Deployment;

/// <summary>
/// How many calls and instances use a <see cref="DeployedVersion"/>, and its one-way claim for
/// unloading. Every command acquires and releases its version, so a single shared counter is a
/// cache line that every core writes on every command; here each core counts in a cell of its
/// own (a release may land in another cell than its acquire: only the sum means anything).
/// </summary>
/// <remarks>
/// The claim is exact, as Dekker's handshake: an acquirer increments its cell and then reads the
/// claim state; a claimer sets the state to <c>Claiming</c> and then sums the cells. Both steps are
/// full fences (Interlocked), so either the acquirer sees the claim (and backs out) or the claimer
/// sees the increment (and gives up). After <c>Claiming</c> is set no acquire succeeds, so cells
/// only fall (releases) or rise and fall back (acquirers backing out): a sum read cell by cell is
/// never below the true number of users once it is read, and a sum of zero means nobody uses it.
/// An acquirer that finds a claim being decided waits for the decision (the claimer only reads
/// the cells), so an acquire fails only on a version that is claimed for good.
/// </remarks>
internal sealed class UseCount
{
    private const int Free = 0;
    private const int Claiming = 1;
    private const int Claimed = 2;

    /// <summary>Longs between two cells: 128 bytes, a cache line and the one the adjacent-line prefetcher pairs with it.</summary>
    private const int Stride = 16;

    private static readonly int CellCount = (int)Math.Min(64, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, Environment.ProcessorCount)));

    // Cell i is at (i + 1) * Stride: the padding before the first and after the last keeps other objects' fields off the cells' lines.
    private readonly long[] _cells = new long[(CellCount + 1) * Stride];
    private int _state;

    /// <summary>Whether the version was claimed for unloading (for good).</summary>
    public bool IsClaimed => Volatile.Read(ref _state) == Claimed;

    /// <summary>Users now (0 once claimed); a moment's reading, for display and tests.</summary>
    public int Users => IsClaimed ? 0 : (int)Math.Clamp(Sum(), 0, int.MaxValue);

    /// <summary>Marks one more user; false only when the version is claimed for unloading.</summary>
    public bool TryAcquire()
    {
        ref var cell = ref Cell();
        while (true)
        {
            Interlocked.Increment(ref cell);
            var state = Volatile.Read(ref _state);
            if (state == Free)
            {
                return true;
            }

            Interlocked.Decrement(ref cell);
            if (state == Claimed)
            {
                return false;
            }

            // A claim is being decided (the claimer reads the cells, nothing more): wait for its outcome.
            var spin = default(SpinWait);
            while (Volatile.Read(ref _state) == Claiming)
            {
                spin.SpinOnce();
            }
        }
    }

    /// <summary>Ends one use (acquired on this or any other core).</summary>
    public void Release() => Interlocked.Decrement(ref Cell());

    /// <summary>Claims for unloading when nobody uses it; once claimed, no acquire succeeds again.</summary>
    public bool TryClaim()
    {
        if (Interlocked.CompareExchange(ref _state, Claiming, Free) != Free)
        {
            return false;
        }

        var unused = Sum() == 0;
        Volatile.Write(ref _state, unused ? Claimed : Free);
        return unused;
    }

    private long Sum()
    {
        long sum = 0;
        for (var i = 1; i <= CellCount; i++)
        {
            sum += Volatile.Read(ref _cells[i * Stride]);
        }

        return sum;
    }

    private ref long Cell() => ref _cells[((Thread.GetCurrentProcessorId() & (CellCount - 1)) + 1) * Stride];
}
