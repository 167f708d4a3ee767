using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bot.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OutboxLookups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Outbox_RecipientId_SentAt",
                table: "Outbox",
                columns: new[] { "RecipientId", "SentAt" },
                filter: "\"ReplyToId\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_SentMessageId",
                table: "Outbox",
                column: "SentMessageId",
                filter: "\"SentMessageId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Outbox_RecipientId_SentAt",
                table: "Outbox");

            migrationBuilder.DropIndex(
                name: "IX_Outbox_SentMessageId",
                table: "Outbox");
        }
    }
}
