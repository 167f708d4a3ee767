using Bot.Domain.Conversations;
using Bot.Domain.Features.Directory;

namespace Bot.Features.Directory;

public static class DirectorySetup
{
    public static WebApplicationBuilder AddDirectory(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<IDirectoryStore, DirectoryStore>();
        builder.Services.AddScoped<IBotCommand, WhoAmICommand>();
        builder.Services.AddScoped<IBotCommand, TodoCommand>();
        builder.Services.AddScoped<LanguageCommand>();
        builder.Services.AddScoped<IBotCommand>(sp => sp.GetRequiredService<LanguageCommand>());
        builder.Services.AddScoped<IConversationFlow>(sp => sp.GetRequiredService<LanguageCommand>());
        return builder;
    }
}
