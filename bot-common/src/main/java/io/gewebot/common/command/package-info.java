/** Chat commands: parsing the text an admin typed. */
package io.gewebot.common.command;
