// Content deployment while orders keep coming: see ContentStory. Exit code 0 when the story
// showed what it claims (the new rule serves, the invalid edit is refused, the old version unloads).
return await Shop.Content.ContentStory.RunAsync(Console.Out);
