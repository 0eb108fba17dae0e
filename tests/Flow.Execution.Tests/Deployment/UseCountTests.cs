using Flow.Deployment;

namespace Flow.Execution.Tests.Deployment;

/// <summary>The per-core use count of a version: its sum is exact and its unload claim is never won while anyone uses it.</summary>
public class UseCountTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Uses_released_on_other_threads_than_they_were_acquired_on_still_sum_to_zero()
    {
        var count = new UseCount();
        var acquired = Enumerable.Range(0, 8).Select(_ => Task.Run(() => Assert.True(count.TryAcquire()))).ToArray();
        await Task.WhenAll(acquired).WaitAsync(Timeout);
        Assert.Equal(8, count.Users);
        Assert.False(count.TryClaim());

        var released = Enumerable.Range(0, 8).Select(_ => Task.Run(count.Release)).ToArray();
        await Task.WhenAll(released).WaitAsync(Timeout);
        Assert.Equal(0, count.Users);

        Assert.True(count.TryClaim());
        Assert.True(count.IsClaimed);
        Assert.False(count.TryAcquire());
        Assert.False(count.TryClaim());
    }

    /// <summary>
    /// Each round: users on every core acquire, check, acquire once more while holding (which must
    /// never fail: a used version cannot be claimed), and release, while a claimer keeps trying
    /// to claim. The claim must win only when nobody holds a use, and once it won every acquire
    /// fails. A user records the claim state while it holds; seeing "claimed" is the failure.
    /// </summary>
    [Fact]
    public async Task Claims_racing_acquires_never_win_while_a_use_is_held_and_never_fail_a_holders_acquire()
    {
        var threads = Math.Max(2, Environment.ProcessorCount);
        for (var round = 0; round < 200; round++)
        {
            var count = new UseCount();
            var problems = new System.Collections.Concurrent.ConcurrentQueue<string>();
            using var start = new Barrier(threads + 1);
            var users = Enumerable.Range(0, threads).Select(t => Task.Factory.StartNew(() =>
            {
                start.SignalAndWait();
                for (var i = 0; i < 2_000; i++)
                {
                    if (!count.TryAcquire())
                    {
                        return;   // claimed for good: nothing to use any more
                    }

                    if (count.IsClaimed)
                    {
                        problems.Enqueue($"thread {t}: claimed while held");
                    }

                    if (!count.TryAcquire())
                    {
                        problems.Enqueue($"thread {t}: a second acquire failed while holding a use");
                    }
                    else
                    {
                        count.Release();
                    }

                    if (count.IsClaimed)
                    {
                        problems.Enqueue($"thread {t}: claimed while held");
                    }

                    count.Release();
                }
            }, TaskCreationOptions.LongRunning)).ToArray();
            var claimer = Task.Factory.StartNew(() =>
            {
                start.SignalAndWait();
                var spin = default(SpinWait);
                while (!count.TryClaim() && !users.All(u => u.IsCompleted))
                {
                    spin.SpinOnce(sleep1Threshold: -1);
                }
            }, TaskCreationOptions.LongRunning);

            await Task.WhenAll(users.Append(claimer)).WaitAsync(Timeout);

            Assert.Empty(problems);
            Assert.True(count.IsClaimed || count.TryClaim(), $"round {round}: unused at the end, yet not claimable");
            Assert.False(count.TryAcquire());
            Assert.Equal(0, count.Users);
        }
    }
}
