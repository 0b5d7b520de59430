/** The dense labelled table methods train on. */
package dev.credence.core.data;
