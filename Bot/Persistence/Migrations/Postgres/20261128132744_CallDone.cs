using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bot.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CallDone : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DoneAt",
                table: "PhoneCalls",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_PhoneCalls_PassedToId",
                table: "PhoneCalls",
                column: "PassedToId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PhoneCalls_PassedToId",
                table: "PhoneCalls");

            migrationBuilder.DropColumn(
                name: "DoneAt",
                table: "PhoneCalls");
        }
    }
}
