using Flow.Cockpit.Tests.Infrastructure;

namespace Flow.Cockpit.Tests.Api;

/// <summary>Query strings an operator (or a script) can get wrong at 3 a.m. (redteam6): answered for what they ask, never with another page.</summary>
public sealed class HostileQueryTests(CockpitFactory factory) : IClassFixture<CockpitFactory>
{
    private HttpClient Reader => factory.As("reader");

    [Theory]
    [InlineData(2147483647, 50)]
    [InlineData(2147483647, 200)]
    [InlineData(1073741825, 4)]   // (page - 1) * size is exactly 2^32: 0 as an int
    public async Task A_page_far_past_the_end_is_empty_not_the_first_page_again(int page, int pageSize)
    {
        await factory.StartOrdersAsync(3);

        var result = await Reader.JsonAsync($"/flows/api/instances?key=order-review&page={page}&pageSize={pageSize}");

        Assert.True(result.GetProperty("total").GetInt32() >= 3);
        Assert.Equal(page, result.GetProperty("page").GetInt32());
        Assert.Equal(0, result.GetProperty("items").GetArrayLength());
    }
}
